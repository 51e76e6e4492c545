package dev.runbookbot.expr;

import java.util.List;
import java.util.Locale;

/**
 * Go's {@code fmt.Sprintf} for the verbs alert templates use: {@code %s %v %q %d %f %e %g %x %%}, with flags
 * ({@code -+ 0#}), width and precision ({@code %-8s}, {@code %.1f}, {@code %05.2f}). A verb with no argument left, an
 * argument left over, or a value of the wrong kind is an error naming it, never a silent {@code %!d(MISSING)}.
 */
final class GoFormat {
    private GoFormat() {}

    static String format(String format, List<Object> args, boolean lenient, int offset) throws TemplateException {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int start = i++;
            while (i < format.length() && "-+ 0#".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            while (i < format.length() && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                i++;
            }
            if (i >= format.length()) {
                throw new TemplateException("printf: the format ends inside a verb", offset);
            }
            char verb = format.charAt(i);
            String spec = format.substring(start + 1, i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                throw new TemplateException("printf: %" + spec + verb + " has no argument", offset);
            }
            Object arg = args.get(next++);
            if (arg == null) {
                throw new TemplateException("printf: %" + spec + verb + " got no value", offset);
            }
            try {
                out.append(verb(verb, spec, arg, lenient, offset));
            } catch (java.util.IllegalFormatException e) {
                throw new TemplateException("printf: %" + spec + verb + " cannot be used that way (" + e + ")", offset);
            }
        }
        if (next < args.size()) {
            throw new TemplateException(
                    "printf: " + (args.size() - next) + " argument(s) left over; the format has " + next + " verb(s)",
                    offset);
        }
        return out.toString();
    }

    private static String verb(char verb, String spec, Object arg, boolean lenient, int offset)
            throws TemplateException {
        return switch (verb) {
            case 's', 'v' -> String.format(Locale.ROOT, "%" + spec + "s", TemplateValues.text(arg));
            case 'q' -> String.format(Locale.ROOT, "%" + spec + "s", quote(TemplateValues.text(arg)));
            case 'd' -> {
                double d = TemplateFunctions.number(TemplateFunctions.Function.PRINTF, arg, lenient, offset);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    yield Humanize.goG(d, 4);
                }
                yield String.format(Locale.ROOT, "%" + spec + "d", (long) d);
            }
            case 'x', 'X' -> {
                if (arg instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    yield String.format(Locale.ROOT, "%" + spec + verb, n.longValue());
                }
                StringBuilder hex = new StringBuilder();
                for (byte b : TemplateValues.text(arg).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    hex.append(String.format(Locale.ROOT, verb == 'x' ? "%02x" : "%02X", b));
                }
                yield hex.toString();
            }
            case 'f', 'F', 'e', 'E' -> {
                double d = TemplateFunctions.number(TemplateFunctions.Function.PRINTF, arg, lenient, offset);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    yield Humanize.goG(d, 4);
                }
                yield String.format(Locale.ROOT, "%" + spec + (verb == 'F' ? 'f' : verb), d);
            }
            case 'g' -> {
                double d = TemplateFunctions.number(TemplateFunctions.Function.PRINTF, arg, lenient, offset);
                int dot = spec.indexOf('.');
                int precision = dot < 0 ? 17 : Integer.parseInt("0" + spec.substring(dot + 1));
                yield Humanize.goG(d, Math.max(1, precision));
            }
            default -> throw new TemplateException("printf: unsupported verb %" + verb, offset);
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
