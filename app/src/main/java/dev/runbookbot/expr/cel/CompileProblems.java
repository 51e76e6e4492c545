package dev.runbookbot.expr.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns CEL's compile issues into one {@link ConditionException} a runbook author can act on: what is wrong in our
 * words, the offset in the source they wrote, the declared names closest to a misspelled one, and when it can be
 * worked out, the exact rewrite as the hint.
 */
final class CompileProblems {
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'.*", Pattern.DOTALL);
    private static final Pattern NO_OVERLOAD =
            Pattern.compile("found no matching overload for '([^']+)' applied to '\\((.*)\\)'.*", Pattern.DOTALL);
    /** CEL's internal operator function names, as a person writes them. */
    static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("_==_", "=="),
            Map.entry("_!=_", "!="),
            Map.entry("_<_", "<"),
            Map.entry("_<=_", "<="),
            Map.entry("_>_", ">"),
            Map.entry("_>=_", ">="),
            Map.entry("_+_", "+"),
            Map.entry("_-_", "-"),
            Map.entry("_*_", "*"),
            Map.entry("_/_", "/"),
            Map.entry("_%_", "%"),
            Map.entry("!_", "!"),
            Map.entry("-_", "-"),
            Map.entry("@in", "in"),
            Map.entry("_[_]", "[]"),
            Map.entry("_?_:_", "?:"),
            Map.entry("_&&_", "&&"),
            Map.entry("_||_", "||"));

    private static final Set<String> COMPARISONS = Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");
    private static final int MAX_LISTED = 12;
    private static final int MAX_PROBLEMS = 3;

    private final EditedText checked;
    private final ConditionScope scope;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Edit> fixes = new ArrayList<>();
    private String hintPrefix = "";
    private boolean rewritten; // the checked text differs from the source by a fix the hint must show

    /** One problem at an offset of the original source. */
    private record Problem(int offset, String message) {}

    CompileProblems(EditedText checked, ConditionScope scope) {
        this.checked = checked;
        this.scope = scope;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** A number written with a unit; its fix is already applied in the checked text. */
    void addUnit(UnitLiterals.UnitLiteral unit, int originalOffset) {
        problems.add(new Problem(
                originalOffset,
                "'" + unit.written() + "' is not a number: a number cannot carry a unit in a condition, and facts"
                        + " carry durations as plain milliseconds"));
        hintPrefix = "durations are numbers of milliseconds: ";
    }

    /** A label name with dots after a dot; its fix (brackets) is already applied in the checked text. */
    void addDottedName(DottedNames.DottedName name, int originalOffset) {
        problems.add(new Problem(
                originalOffset,
                "'" + name.written() + "' reads the name up to its first dot; a name with dots, slashes or dashes"
                        + " is read with brackets: " + name.bracketed()));
        rewritten = true;
    }

    /** A problem of our own, at an offset of the checked text. */
    void add(int checkedOffset, String message) {
        problems.add(new Problem(checked.originalOffset(checkedOffset), message));
    }

    /** Syntax errors from the parser. */
    void addSyntax(CelValidationResult parsed) {
        for (CelIssue issue : parsed.getErrors()) {
            add(offsetOf(parsed, issue), "syntax error: " + issue.getMessage());
        }
    }

    /** Type errors from the checker; {@code parsed} is the tree it checked, to see what each issue points at. */
    void addTypeErrors(CelValidationResult result, CelAbstractSyntaxTree parsed) {
        for (CelIssue issue : result.getErrors()) {
            int offset = offsetOf(result, issue);
            Optional<CelExpr> node = AstScan.find(parsed.getExpr(), issue.getExprId());
            Matcher undeclared = UNDECLARED.matcher(issue.getMessage());
            Matcher overload = NO_OVERLOAD.matcher(issue.getMessage());
            if (undeclared.matches()) {
                undeclared(undeclared.group(1), offset, node, parsed);
            } else if (overload.matches()) {
                noOverload(overload.group(1), overload.group(2), offset, node, parsed);
            } else {
                add(offset, issue.getMessage());
            }
        }
    }

    private void undeclared(String name, int offset, Optional<CelExpr> node, CelAbstractSyntaxTree parsed) {
        if (node.isPresent() && node.get().getKind() == CelExpr.ExprKind.Kind.CALL) {
            add(
                    offset,
                    "unknown function '" + name + "'; conditions can use CEL's standard functions (see"
                            + " docs/conditions.md)");
            return;
        }
        Set<String> declared = scope.variables().keySet();
        List<String> closest = ClosestNames.byCloseness(name, declared);
        Optional<String> suggestion = ClosestNames.suggestion(name, declared);
        StringBuilder message =
                new StringBuilder("unknown variable '").append(name).append('\'');
        boolean atName = checked.text().startsWith(name, offset);
        if (suggestion.isPresent()) {
            message.append(" (did you mean '").append(suggestion.get()).append("'?)");
            if (atName) {
                fixes.add(new Edit(offset, offset + name.length(), suggestion.get()));
            }
        } else if (atName && node.isPresent() && isComparedOperand(parsed, node.get())) {
            message.append(" (if you meant the text, quote it: '").append(name).append("')");
            fixes.add(new Edit(offset, offset + name.length(), "'" + name + "'"));
        }
        if (declared.isEmpty()) {
            message.append("; no variables are declared here");
        } else {
            message.append("; declared: ")
                    .append(closest.stream().limit(MAX_LISTED).collect(Collectors.joining(", ")));
            if (closest.size() > MAX_LISTED) {
                message.append(", … (").append(closest.size() - MAX_LISTED).append(" more)");
            }
        }
        add(offset, message.toString());
    }

    private static boolean isComparedOperand(CelAbstractSyntaxTree parsed, CelExpr node) {
        return AstScan.parentOf(parsed.getExpr(), node.id())
                .filter(p -> p.getKind() == CelExpr.ExprKind.Kind.CALL)
                .map(p -> p.call().function())
                .filter(f -> f.equals("_==_") || f.equals("_!=_") || f.equals("@in"))
                .isPresent();
    }

    private void noOverload(
            String function, String argTypes, int offset, Optional<CelExpr> node, CelAbstractSyntaxTree parsed) {
        String operator = OPERATORS.get(function);
        String[] types = splitTopLevel(argTypes);
        if (operator != null && COMPARISONS.contains(function) && types.length == 2) {
            add(offset, "'" + operator + "' cannot compare " + types[0] + " with " + types[1]);
            node.ifPresent(call -> comparisonFix(function, types, call, parsed));
        } else if (operator != null) {
            add(offset, "'" + operator + "' cannot be applied to (" + argTypes + ")");
        } else {
            add(offset, "'" + function + "' cannot be applied to (" + argTypes + ")");
        }
    }

    /** Splits "map(string, dyn), string" at the commas outside parentheses. */
    private static String[] splitTopLevel(String types) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < types.length(); i++) {
            char c = types.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(types.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(types.substring(start).trim());
        return parts.toArray(String[]::new);
    }

    /**
     * Two common mistakes get an exact rewrite: {@code value == 0} with a double value ({@code 0.0}), and
     * {@code diagnostics.x == 'critical'} without {@code .status}.
     */
    private void comparisonFix(String function, String[] types, CelExpr call, CelAbstractSyntaxTree parsed) {
        if (call.getKind() != CelExpr.ExprKind.Kind.CALL || call.call().args().size() != 2) {
            return;
        }
        boolean equality = function.equals("_==_") || function.equals("_!=_");
        for (int i = 0; i < 2; i++) {
            CelExpr arg = call.call().args().get(i);
            String otherType = types[1 - i];
            if (equality
                    && otherType.equals("double")
                    && arg.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && arg.constant().getKind() == CelConstant.Kind.INT64_VALUE) {
                int start = position(parsed, arg.id());
                String digits = String.valueOf(arg.constant().int64Value());
                if (start >= 0 && checked.text().startsWith(digits, start)) {
                    fixes.add(new Edit(start + digits.length(), start + digits.length(), ".0"));
                }
                return;
            }
            if (otherType.equals("string") && isStepSelect(arg)) {
                int dot = position(parsed, arg.id());
                String field = arg.select().field();
                if (dot >= 0 && checked.text().startsWith("." + field, dot)) {
                    int end = dot + 1 + field.length();
                    fixes.add(new Edit(end, end, ".status"));
                }
                return;
            }
        }
    }

    private boolean isStepSelect(CelExpr arg) {
        return arg.getKind() == CelExpr.ExprKind.Kind.SELECT
                && arg.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                && scope.variables().get(arg.select().operand().ident().name()) == ValueType.MAP_OF_MAPS;
    }

    /** The char offset in the checked text of a parsed node, or -1. */
    private int position(CelAbstractSyntaxTree parsed, long id) {
        Integer codePoints = parsed.getSource().getPositionsMap().get(id);
        return codePoints == null ? -1 : charOffset(codePoints);
    }

    private int offsetOf(CelValidationResult result, CelIssue issue) {
        return result.getSource()
                .getLocationOffset(issue.getSourceLocation())
                .map(this::charOffset)
                .orElse(-1);
    }

    private int charOffset(int codePoints) {
        String text = checked.text();
        int count = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, count)));
    }

    /** The one exception that reports every problem found, the first (by position) giving the offset. */
    ConditionException toException() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::offset));
        Set<String> messages = new LinkedHashSet<>();
        sorted.forEach(p -> messages.add(p.message()));
        List<String> shown = messages.stream().limit(MAX_PROBLEMS).toList();
        String message = String.join("; ", shown)
                + (messages.size() > MAX_PROBLEMS ? "; and " + (messages.size() - MAX_PROBLEMS) + " more" : "");
        String hint = "";
        if (!fixes.isEmpty() || !hintPrefix.isEmpty() || rewritten) {
            hint = hintPrefix + "write " + applyFixes();
        }
        return new ConditionException(
                message, sorted.isEmpty() ? -1 : sorted.get(0).offset(), hint);
    }

    private String applyFixes() {
        List<Edit> distinct = new ArrayList<>();
        for (Edit fix : fixes) {
            boolean overlaps = distinct.stream()
                    .anyMatch(d -> fix.start() < d.end() && d.start() < fix.end() || fix.start() == d.start());
            if (!overlaps) {
                distinct.add(fix);
            }
        }
        return checked.edit(distinct).text();
    }
}
