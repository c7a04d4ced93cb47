package io.qnative.autoscaler.metrics;

/**
 * Go's {@code math} functions where Java's differ in the last bit and the autoscaler's numbers depend on it:
 * {@code math.Pow} (repeated squaring over the exponent's bits, as Go's pure-Go {@code pow.go}; Java's
 * {@code Math.pow} is correctly rounded instead) and {@code math.Round} (half away from zero).
 */
public final class GoMath {

    private GoMath() {
    }

    /** Go's {@code math.Pow(x, y)} for finite {@code x > 0} and finite {@code y}, the only cases used here. */
    public static double pow(double x, double y) {
        if (y == 0 || x == 1) {
            return 1;
        }
        if (y == 1) {
            return x;
        }
        if (Double.isNaN(x) || Double.isNaN(y) || x <= 0 || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Math.pow(x, y);
        }
        double ay = Math.abs(y);
        double yi = Math.floor(ay);
        double yf = ay - yi;
        if (yi >= 0x1p63) {
            return Math.pow(x, y);
        }
        double a1 = 1.0;
        int ae = 0;
        if (yf != 0) {
            if (yf > 0.5) {
                yf--;
                yi++;
            }
            a1 = StrictMath.exp(yf * StrictMath.log(x));
        }
        int xe = Math.getExponent(x) + 1;
        double x1 = Math.scalb(x, -xe);
        for (long i = (long) yi; i != 0; i >>= 1) {
            if (xe < -(1 << 12) || (1 << 12) < xe) {
                ae += xe;
                break;
            }
            if ((i & 1) == 1) {
                a1 *= x1;
                ae += xe;
            }
            x1 *= x1;
            xe <<= 1;
            if (x1 < .5) {
                x1 += x1;
                xe--;
            }
        }
        if (y < 0) {
            a1 = 1 / a1;
            ae = -ae;
        }
        return Math.scalb(a1, ae);
    }

    /** Go's {@code math.Round}: the nearest integer, halves away from zero. */
    public static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r = Math.floor(a);
        if (a - r >= 0.5) {
            r += 1;
        }
        return Math.copySign(r, x);
    }
}
