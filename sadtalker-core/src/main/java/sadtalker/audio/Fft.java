package sadtalker.audio;

/**
 * A mixed-radix complex FFT of one fixed size, in double precision (numpy's {@code rfft} in
 * librosa's STFT is double too). Recursive decimation in time over the size's prime factors; a
 * prime factor is combined by a direct DFT, so any size works and 800 = 2⁵·5² is fast.
 */
final class Fft {
    private final int n;
    private final double[] cos;
    private final double[] sin;

    Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be positive, got " + n);
        }
        this.n = n;
        cos = new double[n];
        sin = new double[n];
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * j / n;
            cos[j] = Math.cos(a);
            sin[j] = Math.sin(a);
        }
    }

    int size() {
        return n;
    }

    /**
     * Forward transform {@code X[k] = Σ x[j]·exp(-2πi·jk/n)} of {@code (re, im)} into
     * {@code (outRe, outIm)}; the inputs are not modified.
     */
    void forward(double[] re, double[] im, double[] outRe, double[] outIm) {
        rec(re, im, 0, 1, n, outRe, outIm, 0, new double[4 * n]);
    }

    private void rec(double[] re, double[] im, int off, int stride, int size, double[] outRe, double[] outIm,
            int outOff, double[] scratch) {
        if (size == 1) {
            outRe[outOff] = re[off];
            outIm[outOff] = im == null ? 0 : im[off];
            return;
        }
        int p = smallestFactor(size);
        int m = size / p;
        for (int r = 0; r < p; r++) {
            rec(re, im, off + r * stride, stride * p, m, outRe, outIm, outOff + r * m, scratch);
        }
        int twiddleStep = n / size;                 // W_size^e = W_n^(e·n/size)
        for (int k = 0; k < m; k++) {
            // t_r = Y_r[k] · W_size^(r·k)
            for (int r = 0; r < p; r++) {
                int idx = outOff + r * m + k;
                int e = (int) ((long) r * k % size) * twiddleStep;
                double c = cos[e];
                double s = -sin[e];
                double yr = outRe[idx];
                double yi = outIm[idx];
                scratch[2 * r] = yr * c - yi * s;
                scratch[2 * r + 1] = yr * s + yi * c;
            }
            // X[k + m·q] = Σ_r t_r · W_p^(r·q)
            for (int q = 0; q < p; q++) {
                double sr = 0;
                double si = 0;
                for (int r = 0; r < p; r++) {
                    int e = (r * q % p) * (n / p);
                    double c = cos[e];
                    double s = -sin[e];
                    double tr = scratch[2 * r];
                    double ti = scratch[2 * r + 1];
                    sr += tr * c - ti * s;
                    si += tr * s + ti * c;
                }
                scratch[2 * p + 2 * q] = sr;
                scratch[2 * p + 2 * q + 1] = si;
            }
            for (int q = 0; q < p; q++) {
                outRe[outOff + k + m * q] = scratch[2 * p + 2 * q];
                outIm[outOff + k + m * q] = scratch[2 * p + 2 * q + 1];
            }
        }
    }

    private static int smallestFactor(int v) {
        for (int f = 2; (long) f * f <= v; f++) {
            if (v % f == 0) {
                return f;
            }
        }
        return v;
    }
}
