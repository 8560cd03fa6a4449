package org.scjava.dsl.io.hdf5;

/**
 * Bob Jenkins' lookup3 {@code hashlittle}, the checksum HDF5 puts on superblocks (v2+), v2 object headers and
 * chunk-index structures (HDF5 file format spec, "Checksum"). Hand-written because no Maven Central library
 * exposes exactly this variant; it is ~50 lines of public-domain arithmetic.
 */
final class Lookup3 {

    private Lookup3() {
    }

    static int hash(byte[] k, int offset, int length) {
        int a;
        int b;
        int c;
        a = b = c = 0xdeadbeef + length;
        int i = offset;
        int remaining = length;
        while (remaining > 12) {
            a += le32(k, i);
            b += le32(k, i + 4);
            c += le32(k, i + 8);
            // mix(a,b,c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            i += 12;
            remaining -= 12;
        }
        if (remaining == 0) {
            return c;
        }
        // Last block: bytes beyond the length read as zero (the byte-wise tail of hashlittle).
        int[] tail = new int[12];
        for (int j = 0; j < remaining; j++) {
            tail[j] = k[i + j] & 0xff;
        }
        a += tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24;
        b += tail[4] | tail[5] << 8 | tail[6] << 16 | tail[7] << 24;
        c += tail[8] | tail[9] << 8 | tail[10] << 16 | tail[11] << 24;
        // final(a,b,c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int le32(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
