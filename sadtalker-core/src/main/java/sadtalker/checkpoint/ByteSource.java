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
}
