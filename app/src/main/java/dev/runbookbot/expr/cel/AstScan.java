package dev.runbookbot.expr.cel;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelCall;
import dev.cel.common.ast.CelExpr.CelComprehension;
import dev.cel.common.ast.CelExpr.CelMap;
import dev.cel.common.ast.CelExpr.CelStruct;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads facts from a CEL expression tree: which scope variables it reads and which fields it selects on them. A name
 * bound by a comprehension ({@code samples.all(s, s.value > 1)}) shadows a scope variable of the same name.
 */
final class AstScan {
    private static final String INDEX = "_[_]";

    private AstScan() {}

    /** The scope variables read, and per variable the fields selected on it (by {@code .f} or {@code ['f']}). */
    record Reads(Set<String> variables, Map<String, Set<String>> fields) {
        Reads {
            variables = Collections.unmodifiableSet(new LinkedHashSet<>(variables));
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
            fields = Collections.unmodifiableMap(copy);
        }
    }

    static Reads reads(CelExpr root, Set<String> scopeVariables) {
        Set<String> variables = new LinkedHashSet<>();
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        walk(root, new ArrayDeque<>(), scopeVariables, variables, fields);
        return new Reads(variables, fields);
    }

    private static void walk(
            CelExpr expr,
            Deque<String> bound,
            Set<String> scope,
            Set<String> variables,
            Map<String, Set<String>> fields) {
        switch (expr.getKind()) {
            case IDENT -> {
                String name = expr.ident().name();
                if (scope.contains(name) && !bound.contains(name)) {
                    variables.add(name);
                }
            }
            case SELECT -> {
                CelExpr operand = expr.select().operand();
                freeIdent(operand, bound, scope).ifPresent(v -> fields.computeIfAbsent(v, k -> new LinkedHashSet<>())
                        .add(expr.select().field()));
                walk(operand, bound, scope, variables, fields);
            }
            case CALL -> {
                CelCall call = expr.call();
                if (call.function().equals(INDEX) && call.args().size() == 2) {
                    CelExpr key = call.args().get(1);
                    if (key.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                            && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                        freeIdent(call.args().get(0), bound, scope)
                                .ifPresent(v -> fields.computeIfAbsent(v, k -> new LinkedHashSet<>())
                                        .add(key.constant().stringValue()));
                    }
                }
                call.target().ifPresent(t -> walk(t, bound, scope, variables, fields));
                for (CelExpr arg : call.args()) {
                    walk(arg, bound, scope, variables, fields);
                }
            }
            case LIST -> {
                for (CelExpr element : expr.list().elements()) {
                    walk(element, bound, scope, variables, fields);
                }
            }
            case MAP -> {
                for (CelMap.Entry entry : expr.map().entries()) {
                    walk(entry.key(), bound, scope, variables, fields);
                    walk(entry.value(), bound, scope, variables, fields);
                }
            }
            case STRUCT -> {
                for (CelStruct.Entry entry : expr.struct().entries()) {
                    walk(entry.value(), bound, scope, variables, fields);
                }
            }
            case COMPREHENSION -> {
                CelComprehension c = expr.comprehension();
                walk(c.iterRange(), bound, scope, variables, fields);
                walk(c.accuInit(), bound, scope, variables, fields);
                List<String> loopNames = new ArrayList<>(List.of(c.accuVar(), c.iterVar()));
                if (!c.iterVar2().isEmpty()) {
                    loopNames.add(c.iterVar2());
                }
                loopNames.forEach(bound::push);
                walk(c.loopCondition(), bound, scope, variables, fields);
                walk(c.loopStep(), bound, scope, variables, fields);
                loopNames.forEach(n -> bound.pop());
                bound.push(c.accuVar());
                walk(c.result(), bound, scope, variables, fields);
                bound.pop();
            }
            default -> {
                // constants and unset nodes read nothing
            }
        }
    }

    private static Optional<String> freeIdent(CelExpr expr, Deque<String> bound, Set<String> scope) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return Optional.empty();
        }
        String name = expr.ident().name();
        return scope.contains(name) && !bound.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** Every node of the tree, parents before children. */
    static void forEach(CelExpr expr, Consumer<CelExpr> visitor) {
        visitor.accept(expr);
        switch (expr.getKind()) {
            case SELECT -> forEach(expr.select().operand(), visitor);
            case CALL -> {
                expr.call().target().ifPresent(t -> forEach(t, visitor));
                expr.call().args().forEach(a -> forEach(a, visitor));
            }
            case LIST -> expr.list().elements().forEach(e -> forEach(e, visitor));
            case MAP ->
                expr.map().entries().forEach(e -> {
                    forEach(e.key(), visitor);
                    forEach(e.value(), visitor);
                });
            case STRUCT -> expr.struct().entries().forEach(e -> forEach(e.value(), visitor));
            case COMPREHENSION -> {
                CelComprehension c = expr.comprehension();
                for (CelExpr part : List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep(), c.result())) {
                    forEach(part, visitor);
                }
            }
            default -> {
                // leaves
            }
        }
    }

    /** The node with {@code id}, if the tree has one. */
    static Optional<CelExpr> find(CelExpr root, long id) {
        List<CelExpr> found = new ArrayList<>(1);
        forEach(root, e -> {
            if (e.id() == id && found.isEmpty()) {
                found.add(e);
            }
        });
        return found.stream().findFirst();
    }

    /** The parent of the node with {@code id}, if it has one. */
    static Optional<CelExpr> parentOf(CelExpr root, long id) {
        List<CelExpr> found = new ArrayList<>(1);
        Set<Long> seen = new HashSet<>();
        forEach(root, e -> {
            if (!seen.add(e.id()) || !found.isEmpty()) {
                return;
            }
            List<CelExpr> children = new ArrayList<>();
            if (e.getKind() == CelExpr.ExprKind.Kind.CALL) {
                e.call().target().ifPresent(children::add);
                children.addAll(e.call().args());
            } else if (e.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                children.add(e.select().operand());
            }
            if (children.stream().anyMatch(c -> c.id() == id)) {
                found.add(e);
            }
        });
        return found.stream().findFirst();
    }
}
