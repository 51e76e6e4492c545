package dev.runbookbot.expr.cel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds numbers written with a duration unit, such as the seed's {@code any_slow > 1000ms}. CEL has no such literal and
 * our facts carry durations as plain numbers of milliseconds, so each one is reported with the number it should be.
 */
final class UnitLiterals {
    private static final Pattern NUMBER_WITH_UNIT =
            Pattern.compile("(?<![\\w.])([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)(?![\\w.(])");

    private UnitLiterals() {}

    /** A number with a unit at {@code [start, end)} of the text, and the plain number of milliseconds it means. */
    record UnitLiteral(int start, int end, String written, String milliseconds) {
        Edit fix() {
            return new Edit(start, end, milliseconds);
        }
    }

    static List<UnitLiteral> find(String text) {
        LiteralMask mask = LiteralMask.of(text);
        List<UnitLiteral> found = new ArrayList<>();
        Matcher m = NUMBER_WITH_UNIT.matcher(text);
        while (m.find()) {
            if (!mask.isCode(m.start(), m.end())) {
                continue;
            }
            BigDecimal factor =
                    switch (m.group(2)) {
                        case "ms" -> BigDecimal.ONE;
                        case "s" -> BigDecimal.valueOf(1_000);
                        case "m" -> BigDecimal.valueOf(60_000);
                        default -> BigDecimal.valueOf(3_600_000);
                    };
            BigDecimal millis = new BigDecimal(m.group(1)).multiply(factor).stripTrailingZeros();
            String plain = millis.scale() <= 0 ? millis.toBigInteger().toString() : millis.toPlainString();
            found.add(new UnitLiteral(m.start(), m.end(), m.group(), plain));
        }
        return found;
    }
}
