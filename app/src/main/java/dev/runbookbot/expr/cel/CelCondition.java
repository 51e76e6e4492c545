package dev.runbookbot.expr.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked CEL condition and its program, prepared when it is first evaluated (lint only checks). Thread-safe: CEL
 * programs keep no state between calls.
 */
final class CelCondition implements Condition {
    /** Prepares the program of a checked condition. */
    @FunctionalInterface
    interface ProgramPreparation {
        CelRuntime.Program prepare(CelAbstractSyntaxTree checked) throws ConditionException;
    }

    private static final Pattern EVALUATION_ERROR =
            Pattern.compile("evaluation error(?: at [^:]*:(\\d+))?: (.*)", Pattern.DOTALL);
    private static final Pattern NO_OVERLOAD =
            Pattern.compile("No matching overload for function '([^']+)'.*", Pattern.DOTALL);
    private static final Set<String> ARITHMETIC = Set.of("_+_", "_-_", "_*_", "_/_", "_%_");
    private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();

    private final EditedText canonical;
    private final List<String> notes;
    private final CelAbstractSyntaxTree ast;
    private final ProgramPreparation preparation;
    private volatile CelRuntime.Program program;
    private final Map<String, ValueType> declared;
    private final AstScan.Reads reads;
    private final Map<String, Integer> firstUse;
    private final int maxIterations;

    CelCondition(
            EditedText canonical,
            List<String> notes,
            CelAbstractSyntaxTree ast,
            ProgramPreparation preparation,
            Map<String, ValueType> declared,
            int maxIterations) {
        this.canonical = canonical;
        this.notes = List.copyOf(notes);
        this.ast = ast;
        this.preparation = preparation;
        this.declared = Map.copyOf(declared);
        this.reads = AstScan.reads(ast.getExpr(), declared.keySet());
        this.maxIterations = maxIterations;
        Map<String, Integer> uses = new HashMap<>();
        AstScan.forEach(ast.getExpr(), e -> {
            if (e.getKind() == CelExpr.ExprKind.Kind.IDENT
                    && reads.variables().contains(e.ident().name())) {
                uses.merge(e.ident().name(), originalOffset(position(e.id())), Math::min);
            }
        });
        this.firstUse = Map.copyOf(uses);
    }

    @Override
    public String source() {
        return canonical.original();
    }

    @Override
    public String canonical() {
        return canonical.text();
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public Set<String> selectedFields(String variable) {
        return reads.fields().getOrDefault(variable, Set.of());
    }

    @Override
    public Set<String> variables() {
        return reads.variables();
    }

    @Override
    public boolean evaluate(Map<String, Object> variables) throws ConditionException {
        Map<String, Object> activation = new LinkedHashMap<>();
        for (String name : reads.variables()) {
            if (variables == null || !variables.containsKey(name)) {
                throw new ConditionException(
                        "no value for variable '" + name + "' (the condition reads it, the result does not have it)",
                        firstUse.getOrDefault(name, -1),
                        "");
            }
            activation.put(name, CelValues.convert(name, declared.get(name), variables.get(name)));
        }
        Object result;
        CelRuntime.Program prepared = program();
        try {
            result = prepared.eval(activation);
        } catch (CelEvaluationException e) {
            throw evaluationFailure(e);
        } catch (RuntimeException e) {
            throw new ConditionException("cannot evaluate condition: " + e, -1, "");
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ConditionException(
                "condition must be a boolean, got " + CelValues.describe(result),
                originalOffset(position(ast.getExpr().id())),
                "");
    }

    private CelRuntime.Program program() throws ConditionException {
        CelRuntime.Program prepared = program;
        if (prepared == null) {
            synchronized (this) {
                if (program == null) {
                    program = preparation.prepare(ast);
                }
                prepared = program;
            }
        }
        return prepared;
    }

    private ConditionException evaluationFailure(CelEvaluationException e) {
        Matcher m = EVALUATION_ERROR.matcher(String.valueOf(e.getMessage()));
        boolean parsed = m.matches();
        String celMessage = parsed ? m.group(2) : String.valueOf(e.getMessage());
        int codePoints = parsed && m.group(1) != null ? Integer.parseInt(m.group(1)) : -1;
        Optional<CelExpr> node = codePoints < 0 ? Optional.empty() : nodeAt(codePoints);
        String where = node.map(n -> "`" + unparse(n) + "`").orElse("the condition");
        CelErrorCode code = e.getErrorCode();
        String message =
                switch (code) {
                    case ATTRIBUTE_NOT_FOUND -> node.flatMap(this::missingKey).orElse(where + ": " + celMessage);
                    case DIVIDE_BY_ZERO -> "division by zero in " + where;
                    case NUMERIC_OVERFLOW -> "numeric overflow in " + where;
                    case INDEX_OUT_OF_BOUNDS -> "index out of range in " + where + ": " + celMessage;
                    case ITERATION_BUDGET_EXCEEDED ->
                        "the condition ran more than " + maxIterations
                                + " loop iterations, the limit for one evaluation";
                    case OVERLOAD_NOT_FOUND -> noOverload(where, celMessage);
                    default -> "cannot evaluate " + where + ": " + celMessage;
                };
        int offset = codePoints < 0 ? -1 : originalOffset(charOffset(codePoints));
        return new ConditionException(message, offset, "");
    }

    /** A function or operator applied to values of types it does not take (known only at evaluation for dyn). */
    private static String noOverload(String where, String celMessage) {
        Matcher m = NO_OVERLOAD.matcher(celMessage);
        if (!m.matches()) {
            return "cannot evaluate " + where + ": " + celMessage;
        }
        String function = m.group(1);
        String shown = CompileProblems.OPERATORS.getOrDefault(function, function);
        String advice = ARITHMETIC.contains(function)
                ? " (CEL does not mix int and double in arithmetic: convert with double(...) or int(...))"
                : "";
        return "cannot evaluate " + where + ": '" + shown + "' does not take values of these types" + advice;
    }

    /** "`diagnostics` has no key 'check_db'" for a select or a string index that found nothing. */
    private Optional<String> missingKey(CelExpr node) {
        if (node.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            return Optional.of("`" + unparse(node.select().operand()) + "` has no key '"
                    + node.select().field() + "'");
        }
        if (node.getKind() == CelExpr.ExprKind.Kind.CALL
                && node.call().function().equals("_[_]")
                && node.call().args().size() == 2) {
            return Optional.of("`" + unparse(node.call().args().get(0)) + "` has no key "
                    + unparse(node.call().args().get(1)));
        }
        return Optional.empty();
    }

    /** The node CEL reported an error at: the one whose position is {@code codePoints}, preferring the outermost. */
    private Optional<CelExpr> nodeAt(int codePoints) {
        List<CelExpr> found = new ArrayList<>(1);
        AstScan.forEach(ast.getExpr(), e -> {
            Integer p = ast.getSource().getPositionsMap().get(e.id());
            if (found.isEmpty() && p != null && p == codePoints) {
                found.add(e);
            }
        });
        return found.stream().findFirst();
    }

    private String unparse(CelExpr expr) {
        try {
            return UNPARSER.unparse(CelAbstractSyntaxTree.newParsedAst(expr, ast.getSource()));
        } catch (RuntimeException e) {
            return "…";
        }
    }

    private int position(long id) {
        Integer codePoints = ast.getSource().getPositionsMap().get(id);
        return codePoints == null ? -1 : charOffset(codePoints);
    }

    private int charOffset(int codePoints) {
        String text = canonical.text();
        int count = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, count)));
    }

    private int originalOffset(int charOffset) {
        return charOffset < 0 ? -1 : canonical.originalOffset(charOffset);
    }

    @Override
    public String toString() {
        return canonical.text();
    }
}
