package dev.runbookbot.expr.cel;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.CelStandardOverload;
import dev.cel.runtime.standard.GreaterEqualsOperator.GreaterEqualsOverload;
import dev.cel.runtime.standard.GreaterOperator.GreaterOverload;
import dev.cel.runtime.standard.LessEqualsOperator.LessEqualsOverload;
import dev.cel.runtime.standard.LessOperator.LessOverload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Ordering between a double and an int that follows IEEE 754: every comparison with NaN is false.
 *
 * <p>CEL-Java 0.14.0 compares a double with an int through {@code Double.compare}, which orders NaN above every
 * number, so {@code value >= 90} would hold for a NaN reading and a broken metric would look critical. These bindings
 * replace the standard double/int overloads; the double/uint ones are removed (our values have no uint, and a uint
 * literal compared with a double is reported at evaluation time instead of answered wrongly).
 */
final class NanSafeComparisons {
    private static final double TWO_TO_63 = 0x1p63;

    private static final Set<CelStandardOverload> REPLACED = Set.of(
            LessOverload.LESS_DOUBLE_INT64,
            LessOverload.LESS_INT64_DOUBLE,
            LessOverload.LESS_DOUBLE_UINT64,
            LessOverload.LESS_UINT64_DOUBLE,
            LessEqualsOverload.LESS_EQUALS_DOUBLE_INT64,
            LessEqualsOverload.LESS_EQUALS_INT64_DOUBLE,
            LessEqualsOverload.LESS_EQUALS_DOUBLE_UINT64,
            LessEqualsOverload.LESS_EQUALS_UINT64_DOUBLE,
            GreaterOverload.GREATER_DOUBLE_INT64,
            GreaterOverload.GREATER_INT64_DOUBLE,
            GreaterOverload.GREATER_DOUBLE_UINT64,
            GreaterOverload.GREATER_UINT64_DOUBLE,
            GreaterEqualsOverload.GREATER_EQUALS_DOUBLE_INT64,
            GreaterEqualsOverload.GREATER_EQUALS_INT64_DOUBLE,
            GreaterEqualsOverload.GREATER_EQUALS_DOUBLE_UINT64,
            GreaterEqualsOverload.GREATER_EQUALS_UINT64_DOUBLE);

    private NanSafeComparisons() {}

    /** The standard functions without the overloads replaced here. */
    static CelStandardFunctions standardFunctions() {
        return CelStandardFunctions.newBuilder()
                .filterFunctions((function, overload) -> !REPLACED.contains(overload))
                .build();
    }

    /** The replacement double/int bindings, under the overload ids the type checker assigns. */
    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> bindings = new ArrayList<>();
        add(bindings, "less", c -> c < 0);
        add(bindings, "less_equals", c -> c <= 0);
        add(bindings, "greater", c -> c > 0);
        add(bindings, "greater_equals", c -> c >= 0);
        return bindings;
    }

    private static void add(List<CelFunctionBinding> bindings, String operator, IntPredicate holds) {
        bindings.add(CelFunctionBinding.from(
                operator + "_double_int64",
                Double.class,
                Long.class,
                (Double d, Long l) -> !d.isNaN() && holds.test(-compare(l, d))));
        bindings.add(CelFunctionBinding.from(
                operator + "_int64_double",
                Long.class,
                Double.class,
                (Long l, Double d) -> !d.isNaN() && holds.test(compare(l, d))));
    }

    /** Exact comparison of a long with a (non-NaN) double: no rounding of large longs. */
    static int compare(long l, double d) {
        if (d >= TWO_TO_63) {
            return -1;
        }
        if (d < -TWO_TO_63) {
            return 1;
        }
        long whole = (long) d; // exact: |d| < 2^63, truncated toward zero
        if (l != whole) {
            return Long.compare(l, whole);
        }
        double fraction = d - whole;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }
}
