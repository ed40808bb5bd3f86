package sadtalker.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature header of a callback, {@code X-SadTalker-Signature: t=<unix seconds>,v1=<hex>}, where
 * v1 is HMAC-SHA256 under the {@code --webhook-secret} of {@code "<t>.<body>"} (the scheme Stripe
 * uses): a receiver recomputes it, compares in constant time and refuses old timestamps (replays).
 */
final class WebhookSignature {
    static final String HEADER = "X-SadTalker-Signature";

    private final byte[] secret;

    WebhookSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    String header(long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(unixSeconds + "." + body);
    }

    String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }
}
