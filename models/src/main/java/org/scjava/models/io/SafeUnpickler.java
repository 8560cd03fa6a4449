package org.scjava.models.io;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.UnsafePickleException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pickle reader that only ever builds objects from an allowlist of globals, for torch checkpoints and pickled
 * dictionaries. Python's own {@code pickle.load} imports and calls any global the file names, which is how a
 * malicious checkpoint runs {@code os.system}; torch answers this with {@code weights_only=True}, which is what this
 * class does in Java.
 *
 * <p>Built on razorvine's pickle machine (opcodes, memo, stack) but every opcode that resolves or calls a global
 * (GLOBAL, STACK_GLOBAL, INST, OBJ, REDUCE, NEWOBJ, NEWOBJ_EX, BUILD, EXT*) is handled here: a global not on the
 * {@link PickleAllowlist} stops loading with an {@link UnsafePickleException}; razorvine's process-wide constructor
 * registry is never consulted. Persistent ids (torch storages) go to the caller's resolver.
 */
public final class SafeUnpickler extends Unpickler {

    private final PickleAllowlist allowlist;
    private final String source;
    private final Function<Object, Object> persistentResolver;
    /** Bytes this pickle may take; a length-prefixed opcode declaring more than what is left is refused. */
    private long inputLimit = Runtime.getRuntime().maxMemory() / 4;
    private CountingInput counted;

    /**
     * @param source             file name used in error messages
     * @param persistentResolver resolves persistent ids (torch storages); null refuses them
     */
    public SafeUnpickler(PickleAllowlist allowlist, String source, Function<Object, Object> persistentResolver) {
        this.allowlist = allowlist;
        this.source = source;
        this.persistentResolver = persistentResolver;
    }

    /** Loads one pickle from {@code bytes}, wrapping malformed input in a {@link CheckpointException}. */
    public static Object load(byte[] bytes, PickleAllowlist allowlist, String source) {
        return new SafeUnpickler(allowlist, source, null).limitInput(bytes.length)
                .loadFrom(new ByteArrayInputStream(bytes));
    }

    /**
     * Bounds the bytes this pickle may take (the file's or zip entry's size): an opcode that declares a longer string
     * or byte array than is left is refused before anything is allocated. Returns this.
     */
    public SafeUnpickler limitInput(long bytes) {
        inputLimit = Math.min(inputLimit, Math.max(0, bytes));
        return this;
    }

    /** Loads the next pickle from {@code in} (which stays open for the caller). */
    public Object loadFrom(InputStream in) {
        try {
            counted = new CountingInput(in, inputLimit, source);
            return load(counted);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(source + ": not a readable pickle (" + describe(e) + ")", e);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                PyGlobal g = resolve(module, name);
                stack.add(call(g, stack.pop_all_since_marker().toArray()));
            }
            case Opcodes.OBJ -> {
                List<Object> args = new ArrayList<>(stack.pop_all_since_marker());
                Object g = args.remove(0);
                stack.add(call(g, args.toArray()));
            }
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                Object g = stack.pop();
                stack.add(call(g, tuple(args)));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                Object g = stack.pop();
                if (kwargs instanceof Map<?, ?> kw && !kw.isEmpty()) {
                    throw new CheckpointException(source + ": keyword arguments in NEWOBJ_EX are not supported");
                }
                stack.add(call(g, tuple(args)));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof PyBuildable b)) {
                    throw new CheckpointException(source + ": pickle sets the state of a "
                            + (target == null ? "None" : target.getClass().getSimpleName())
                            + ", which a state dict never does");
                }
                b.setState(state);
            }
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw new UnsafePickleException(source
                    + ": the pickle uses the copyreg extension registry (EXT opcodes), which scjava refuses", "copyreg.extension");
            case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4 -> {
                return withCheckedLength(key, 4);
            }
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
                return withCheckedLength(key, 8);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /**
     * An opcode followed by a little-endian length and that many bytes: the length is checked against the bytes the
     * pickle may still take, then the opcode runs in razorvine as usual (reading the length again from a replay).
     */
    private Object withCheckedLength(short key, int lengthBytes) throws IOException {
        byte[] len = PickleUtils.readbytes(input, lengthBytes);
        long n = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            n = (n << 8) | (len[i] & 0xff);
        }
        boolean signed = key == Opcodes.BINSTRING || key == Opcodes.LONG4;
        if (signed && lengthBytes == 4) {
            n = (int) n;
        }
        long left = counted.remaining();
        if (n < 0 || n > left) {
            throw new CheckpointException(source + ": pickle opcode 0x" + Integer.toHexString(key & 0xff)
                    + " at byte " + counted.position() + " declares " + (n < 0 ? "a negative length" : n + " bytes")
                    + ", but only " + left + " bytes can follow (corrupt or hostile pickle)");
        }
        InputStream original = input;
        input = new java.io.SequenceInputStream(new ByteArrayInputStream(len), original);
        try {
            return super.dispatch(key);
        } finally {
            input = original;
        }
    }

    /** Counts the bytes read and refuses more than the limit. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private final long limit;
        private final String source;
        private long position;

        CountingInput(InputStream in, long limit, String source) {
            super(in);
            this.limit = limit;
            this.source = source;
        }

        long position() {
            return position;
        }

        long remaining() {
            return limit - position;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            position += n;
            if (position > limit) {
                throw new CheckpointException(source + ": the pickle goes on past " + limit + " bytes, more than its "
                        + "file holds or the reader allows");
            }
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (persistentResolver == null) {
            throw new CheckpointException(source + ": unexpected persistent id " + PickleValues.describe(pid)
                    + " in a plain pickle");
        }
        return persistentResolver.apply(pid);
    }

    private PyGlobal resolve(String module, String name) {
        PyGlobal g = allowlist.resolve(module, name);
        if (g == null) {
            String qualified = module + "." + name;
            throw new UnsafePickleException("Refusing to load " + source + ": its pickle references the Python global '"
                    + qualified + "', which is not on the allowlist for this file type (" + allowlist.summary()
                    + "). Loading it in Python would import and possibly run that code; scjava never executes pickled"
                    + " code. If this is a whole pickled model rather than a state dict, re-save it in Python with"
                    + " torch.save(model.state_dict(), path) or export safetensors.", qualified);
        }
        return g;
    }

    private Object call(Object callable, Object[] args) {
        if (!(callable instanceof PyGlobal g)) {
            throw new CheckpointException(source + ": pickle calls a "
                    + (callable == null ? "None" : callable.getClass().getSimpleName()) + ", which is not callable here");
        }
        try {
            return g.call(args);
        } catch (CheckpointException e) {
            if (e instanceof UnsafePickleException || String.valueOf(e.getMessage()).startsWith(source)) {
                throw e;
            }
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException(source + ": " + describe(e), e);
        }
    }

    private static Object[] tuple(Object args) {
        if (args instanceof Object[] t) {
            return t;
        }
        if (args instanceof List<?> l) {
            return l.toArray();
        }
        return new Object[] {args};
    }
}
