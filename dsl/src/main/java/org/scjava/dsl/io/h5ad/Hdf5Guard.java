package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.links.ExternalLink;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.ReadLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * The checks every HDF5 element passes before a codec reads it, so a hostile file fails with an
 * {@link AtlasFormatException} instead of hanging, overflowing the stack or exhausting the heap:
 * <ul>
 *   <li>soft links are resolved here with at most {@link ReadLimits#MAX_LINK_HOPS} hops (jHDF resolves a link that
 *       points at itself by recursing until the stack overflows); external links are refused — a data file never
 *       makes scjava open another file;</li>
 *   <li>a group reached again while reading it (a hard or soft link to an ancestor: {@code /uns/loop → /uns}) is a
 *       cycle, and nesting deeper than {@link ReadLimits#MAX_DEPTH} is refused;</li>
 *   <li>each dataset's declared size (shape × element size) must fit the memory budget
 *       ({@link ReadLimits#maxElementBytes()}), and what the file can hold: contiguous data no more than the file's
 *       size, chunked data no more than the file's size times the largest expansion a filter can produce.</li>
 * </ul>
 * The traversal is tracked per thread: {@link #admit} pushes the element and {@link Admission#close()} pops it, so
 * codecs that read children through {@link ReadContext#read} are covered without passing state around.
 */
public final class Hdf5Guard {

    private static final ThreadLocal<ArrayDeque<Long>> PATH = ThreadLocal.withInitial(ArrayDeque::new);

    private Hdf5Guard() {
    }

    /** An element admitted for reading; closing it leaves the element (pops it from the traversal). */
    public static final class Admission implements AutoCloseable {
        private final Node node;
        private final ArrayDeque<Long> path;

        private Admission(Node node, ArrayDeque<Long> path) {
            this.node = node;
            this.path = path;
        }

        /** The element to read: {@code node} itself, or the target of the soft link it was. */
        public Node node() {
            return node;
        }

        @Override
        public void close() {
            path.pop();
        }
    }

    /**
     * Admits {@code node} for reading: resolves links, refuses cycles and excessive depth, and checks the declared
     * sizes of the node's datasets (the node itself, or a group's direct child datasets, which codecs such as
     * csr_matrix read without going through the registry). Use in try-with-resources around the read.
     */
    public static Admission admit(Node node, Path file) {
        Node target = node instanceof Link link ? resolve(link, file) : node;
        long address = address(target, file);
        ArrayDeque<Long> path = PATH.get();
        if (path.contains(address)) {
            throw new AtlasFormatException(file, node.getPath(), "link cycle: this element is one of its own "
                    + "ancestors (a hard or soft link back up the hierarchy); anndata never writes links");
        }
        if (path.size() >= ReadLimits.MAX_DEPTH) {
            throw new AtlasFormatException(file, node.getPath(), "elements nested more than " + ReadLimits.MAX_DEPTH
                    + " levels deep; anndata files nest a handful of levels");
        }
        checkSizes(target, file);
        path.push(address);
        return new Admission(target, path);
    }

    /** Checks the declared sizes of {@code node}'s datasets without admitting it (callers outside the registry). */
    public static void checkSizes(Node node, Path file) {
        try {
            if (node instanceof Dataset ds) {
                checkDataset(ds, file);
            } else if (node instanceof Group g) {
                for (Node child : g.getChildren().values()) {
                    if (child instanceof Dataset ds) {
                        checkDataset(ds, file);
                    }
                }
            }
        } catch (AtlasFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AtlasFormatException(file, node.getPath(), "unreadable HDF5 structure ("
                    + Hdf5Files.describe(e) + "); the file may be truncated or corrupt", e);
        }
    }

    /**
     * Refuses a dataset whose declared size does not fit the memory budget or cannot be stored in the file; records
     * its chunk size so decompression of its chunks is bounded ({@link BoundedFilters}).
     */
    public static void checkDataset(Dataset ds, Path file) {
        long declared;
        int elementSize;
        try {
            elementSize = ds.getDataType().getSize();
            declared = Math.multiplyExact(ds.isScalar() ? 1 : ds.getSize(), (long) elementSize);
        } catch (ArithmeticException e) {
            throw new AtlasFormatException(file, ds.getPath(), "declares an impossible shape "
                    + java.util.Arrays.toString(ds.getDimensionsAsLong()) + " (its size overflows 64 bits)", e);
        }
        long budget = ReadLimits.maxElementBytes();
        if (declared > budget) {
            throw new AtlasFormatException(file, ds.getPath(), "declares " + ReadLimits.bytes(declared) + " of data "
                    + "(shape " + java.util.Arrays.toString(ds.getDimensionsAsLong()) + "), more than the memory budget of "
                    + ReadLimits.bytes(budget) + " for one element; if the file is genuine raise -Xmx or open it backed "
                    + "with Atlas.open");
        }
        long fileSize = fileSize(file);
        if (ds instanceof ContiguousDataset && declared > fileSize) {
            throw new AtlasFormatException(file, ds.getPath(), "declares " + ReadLimits.bytes(declared) + " of "
                    + "uncompressed data but the file has only " + ReadLimits.bytes(fileSize)
                    + " (a lying shape or a truncated file)");
        }
        if (ds instanceof ChunkedDataset cd) {
            checkChunked(cd, declared, elementSize, fileSize, budget, file);
        }
    }

    private static void checkChunked(ChunkedDataset cd, long declared, int elementSize, long fileSize, long budget,
                                     Path file) {
        if (declared / ReadLimits.MAX_COMPRESSION_RATIO > fileSize) {
            throw new AtlasFormatException(file, cd.getPath(), "declares " + ReadLimits.bytes(declared) + " of data, "
                    + "more than a " + ReadLimits.bytes(fileSize) + " file can hold even at the highest compression "
                    + "ratio (a lying shape)");
        }
        long chunkBytes = elementSize;
        for (int d : cd.getChunkDimensions()) {
            if (d <= 0) {
                throw new AtlasFormatException(file, cd.getPath(), "has a chunk dimension of " + d + "; chunk "
                        + "dimensions are positive");
            }
            chunkBytes = Math.multiplyExact(chunkBytes, (long) d);
        }
        if (chunkBytes > budget || chunkBytes > Integer.MAX_VALUE) {
            throw new AtlasFormatException(file, cd.getPath(), "declares chunks of " + ReadLimits.bytes(chunkBytes)
                    + ", more than one chunk may take");
        }
        BoundedFilters.allowChunk(chunkBytes);
    }

    /** Follows a soft link to its target with a bounded number of hops; refuses external links. */
    static Node resolve(Link link, Path file) {
        int[] hops = {ReadLimits.MAX_LINK_HOPS};
        return follow(link, file, hops);
    }

    private static Node follow(Link link, Path file, int[] hops) {
        if (link instanceof ExternalLink ext) {
            throw new AtlasFormatException(file, link.getPath(), "external link to '" + ext.getTargetPath() + "': "
                    + "scjava does not follow links into other files; copy the data into this file");
        }
        if (--hops[0] < 0) {
            throw new AtlasFormatException(file, link.getPath(), "soft link chain longer than "
                    + ReadLimits.MAX_LINK_HOPS + " links (a link cycle?)");
        }
        String target = link.getTargetPath();
        Node cur = target.startsWith("/") ? link.getHdfFile() : link.getParent();
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            Map<String, Node> children = cur instanceof Group g ? g.getChildren() : null;
            Node next = children == null ? null : children.get(part);
            if (next == null) {
                throw new AtlasFormatException(file, link.getPath(), "broken soft link: target '" + target
                        + "' does not exist");
            }
            cur = next instanceof Link l ? follow(l, file, hops) : next;
        }
        return cur;
    }

    private static long address(Node node, Path file) {
        try {
            return node.getAddress();
        } catch (RuntimeException e) {
            throw new AtlasFormatException(file, node.getPath(), "unreadable HDF5 object (" + Hdf5Files.describe(e)
                    + "); the file may be truncated or corrupt", e);
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AtlasFormatException(file, "", "cannot read the file size: " + e.getMessage(), e);
        }
    }
}
