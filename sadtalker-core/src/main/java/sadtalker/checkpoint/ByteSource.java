package sadtalker.checkpoint;

import java.nio.ByteBuffer;

/** Where the raw bytes of one storage live: a mapped file region, a zip entry, a heap array. */
@FunctionalInterface
public interface ByteSource {
    /**
     * Reads {@code length} bytes starting {@code offset} bytes into this source.
     *
     * @return a buffer positioned at 0 whose remaining bytes are exactly the requested range
     */
    ByteBuffer read(long offset, long length);

    /**
     * Copies the {@code dst.remaining()} bytes starting {@code offset} bytes into this source into
     * {@code dst}. Sources backed by a file override this to read straight into {@code dst}, with
     * no intermediate buffer.
     */
    default void copyTo(long offset, ByteBuffer dst) {
        dst.put(read(offset, dst.remaining()));
    }
}
