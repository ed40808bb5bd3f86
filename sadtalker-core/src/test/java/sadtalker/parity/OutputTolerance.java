package sadtalker.parity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one output of an end-to-end case is compared, from the case's {@code tolerances} metadata
 * (shared/parity/README.md, end-to-end cases): {@code {"atol", "rtol"}} for floats,
 * {@code {"exact": true}} for integers, {@code {"max_abs", "mean_abs", "frac_over_2"}} for U8 images.
 */
public sealed interface OutputTolerance permits OutputTolerance.Floats, OutputTolerance.Exact, ImageTolerance {

    /** Floats: {@code max|a − e| ≤ atol + rtol · max|e|}, as the stage cases. */
    record Floats(double atol, double rtol) implements OutputTolerance {}

    /** Integers: every value equal. */
    record Exact() implements OutputTolerance {}

    /** Parses the tolerance object of {@code output}; a missing or unknown kind is an error naming it. */
    static OutputTolerance parse(String output, JsonNode t) {
        if (t == null || !t.isObject()) {
            throw new IllegalArgumentException("output '" + output + "' has no tolerance object (" + t + ")");
        }
        if (t.has("exact")) {
            if (!t.get("exact").asBoolean()) {
                throw new IllegalArgumentException("output '" + output + "': \"exact\": false is not a tolerance");
            }
            return new Exact();
        }
        if (t.has("max_abs")) {
            return new ImageTolerance(number(output, t, "max_abs"), number(output, t, "mean_abs"),
                    t.has("frac_over_2") ? number(output, t, "frac_over_2") : Double.NaN);
        }
        if (t.has("atol")) {
            return new Floats(number(output, t, "atol"), t.has("rtol") ? number(output, t, "rtol") : 0);
        }
        throw new IllegalArgumentException("output '" + output + "' has a tolerance of no known kind: " + t);
    }

    private static double number(String output, JsonNode t, String field) {
        JsonNode v = t.get(field);
        if (v == null || !v.isNumber() || v.asDouble() < 0) {
            throw new IllegalArgumentException("output '" + output + "': tolerance field \"" + field
                    + "\" must be a number ≥ 0, got " + v);
        }
        return v.asDouble();
    }
}
