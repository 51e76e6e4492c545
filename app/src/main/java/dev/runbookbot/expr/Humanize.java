package dev.runbookbot.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Locale;

/**
 * Numbers as Prometheus' alert templates print them ({@code humanize}, {@code humanize1024}, {@code
 * humanizeDuration}, {@code humanizeTimestamp}) and Go's {@code %g}, which they build on. Pure functions.
 */
final class Humanize {
    private Humanize() {}

    /** Prometheus' humanize: SI prefixes, 4 significant digits. */
    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return goG(v, 4);
        }
        if (Math.abs(v) >= 1) {
            String prefix = "";
            for (String p : new String[] {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return goG(v, 4) + prefix;
        }
        String prefix = "";
        for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return goG(v, 4) + prefix;
    }

    /** Prometheus' humanize1024: binary prefixes above 1. */
    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return goG(v, 4);
        }
        String prefix = "";
        for (String p : new String[] {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return goG(v, 4) + prefix;
    }

    /** Prometheus' humanizeDuration: seconds as {@code 1d 2h 3m 4s}, or with a sub-second prefix. */
    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return goG(v, 4);
        }
        if (v == 0) {
            return "0s";
        }
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 3600) % 24;
            long days = duration / 86400;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + goG(v, 4) + "s";
        }
        String prefix = "";
        for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return goG(v, 4) + prefix + "s";
    }

    /** Unix seconds as an RFC 3339 instant in UTC. */
    static String humanizeTimestamp(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return goG(v, 4);
        }
        long seconds = (long) Math.floor(v);
        long nanos = Math.round((v - seconds) * 1e9);
        return Instant.ofEpochSecond(seconds, nanos).toString();
    }

    /** Go's {@code %.<precision>g}: shortest form, no trailing zeros, exponent outside [-4, precision). */
    static String goG(double v, int precision) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
