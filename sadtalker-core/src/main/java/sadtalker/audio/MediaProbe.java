package sadtalker.audio;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Looks into a file with FFmpeg's demuxers before decoding, only to say precisely what is wrong
 * with it: not a container FFmpeg knows, no audio stream, or an audio stream without a decoder.
 * (JavaCV's grabber reports all of these as one generic start-up failure.)
 */
final class MediaProbe {
    /**
     * FFmpeg may only read local files: a playlist or a concat list among user uploads must not
     * make it fetch URLs or other protocols.
     */
    static final String PROTOCOLS = "file";

    private MediaProbe() {}

    /**
     * Returns normally if {@code file} has an audio stream FFmpeg can decode; throws otherwise. The
     * demuxer reads at most FFmpeg's probe size (5 MB) and analysis duration (5 s) of the file, so
     * this costs little whatever the file's length.
     *
     * @return the container's duration in microseconds, or 0 or less if it does not say
     */
    static long requireDecodableAudio(Path file) {
        AVFormatContext oc = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", PROTOCOLS, 0);
        int ret;
        try {
            ret = avformat_open_input(oc, file.toAbsolutePath().toString(), (AVInputFormat) null, options);
        } finally {
            av_dict_free(options);
        }
        if (ret < 0) {
            throw new AudioException(AudioException.Reason.NOT_MEDIA, file + ": not an audio file FFmpeg can read ("
                    + error(ret) + ")");
        }
        try {
            ret = avformat_find_stream_info(oc, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new AudioException(AudioException.Reason.NOT_MEDIA, file + ": FFmpeg finds no stream information ("
                        + error(ret) + ")");
            }
            List<String> undecodable = new ArrayList<>();
            for (int i = 0; i < oc.nb_streams(); i++) {
                AVCodecParameters par = oc.streams(i).codecpar();
                if (par.codec_type() != AVMEDIA_TYPE_AUDIO) {
                    continue;
                }
                AVCodec codec = avcodec_find_decoder(par.codec_id());
                if (codec != null && !codec.isNull()) {
                    return oc.duration();   // AV_NOPTS_VALUE (negative) when unknown
                }
                undecodable.add(avcodec_get_name(par.codec_id()).getString() + " (tag 0x"
                        + Integer.toHexString(par.codec_tag()) + ")");
            }
            String format = oc.iformat() == null ? "?" : oc.iformat().name().getString();
            if (undecodable.isEmpty()) {
                throw new AudioException(AudioException.Reason.NO_AUDIO_STREAM, file + ": has no audio stream (a "
                        + format + " file with " + oc.nb_streams() + " other stream(s))");
            }
            throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": no decoder for its audio codec "
                    + String.join(", ", undecodable));
        } finally {
            avformat_close_input(oc);
        }
    }

    /**
     * FFmpeg's message for {@code code}. Only the bytes before the terminator are the message: the
     * rest of the buffer is whatever native memory held (BytePointer.getString() would read it all).
     */
    static String error(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            buf.fill(0);
            av_strerror(code, buf, buf.capacity());
            byte[] bytes = new byte[(int) buf.capacity()];
            buf.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            StringBuilder text = new StringBuilder(end);
            for (char c : new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8).toCharArray()) {
                text.append(c < 0x20 || c == 0x7F || c == '\uFFFD' ? '?' : c);
            }
            return text + ", error " + code;
        }
    }
}
