package dev.runbookbot.expr.cel;

import com.google.common.base.Optional;
import com.google.common.collect.ImmutableList;
import dev.cel.checker.CelChecker;
import dev.cel.checker.CelIdentDecl;
import dev.cel.checker.Env;
import dev.cel.checker.ExprChecker;
import dev.cel.checker.TypeProvider;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelContainer;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationResult;
import dev.cel.common.internal.Errors;
import dev.cel.common.types.CelType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CEL's type checker for one scope, with the checker's environment (CEL's standard declarations, the {@code math} and
 * {@code strings} extensions and the scope's variables, some 300 function overloads) built once instead of once per
 * condition.
 *
 * <p>Why: cel-java's checker ({@code CelCheckerLegacyImpl.check}, 0.14.0 and its sources since) builds a new
 * environment for every expression it checks, comparing every overload of a function with every other one as it adds
 * them; that was a third of the time CEL spent on a condition, and compiling conditions is most of {@code runbookctl
 * lint}. Here the environment CEL's own checker builds (its private {@code getEnv}, called once, reflectively) is kept,
 * and each check gets a fresh {@link Env} holding the same declarations at the same scope levels, filled without the
 * overlap comparisons (they were made once, on the kept one). The check itself is CEL's ({@link ExprChecker}), and its
 * errors become issues exactly as CEL's checker makes them, so every result is the one CEL's checker gives.
 *
 * <p>When the kept environment cannot be had (another cel-java whose checker is built differently, a security manager,
 * an error in the declarations), every check goes through CEL's checker unchanged: slower, never different. {@link
 * #isShared()} says which one is in use (a test keeps the fast one honest). Thread-safe: the kept declarations are
 * immutable, and each check has its own environment.
 */
final class ScopeChecker {
    private final CelChecker checker;
    private final CelOptions options;
    private final CelContainer container;
    private final Optional<CelType> resultType = Optional.absent();
    private final TypeProvider typeProvider;
    private final List<Level> levels;

    /** The declarations of one scope level of CEL's environment. */
    private record Level(Map<String, CelFunctionDecl> functions, Map<String, CelIdentDecl> idents) {}

    ScopeChecker(CelChecker checker, CelOptions options) {
        this.checker = checker;
        this.options = options;
        this.container = checker.toCheckerBuilder().container();
        Env kept = keptEnvironment(checker);
        this.typeProvider = kept == null ? null : kept.getTypeProvider();
        this.levels = kept == null ? List.of() : levels(kept);
    }

    /** Whether checks use the environment built once (otherwise CEL's checker builds one per check). */
    boolean isShared() {
        return typeProvider != null;
    }

    CelValidationResult check(CelAbstractSyntaxTree ast) {
        if (!isShared()) {
            return checker.check(ast);
        }
        CelSource source = ast.getSource();
        Errors errors = new Errors(source.getDescription(), source.getContent().toString());
        Env env = Env.unconfigured(errors, typeProvider, options);
        for (int depth = 0; depth < levels.size(); depth++) {
            if (depth > 0) {
                env.enterScope();
            }
            Env.DeclGroup group = env.getDeclGroup();
            levels.get(depth).functions().values().forEach(group::putFunction);
            levels.get(depth).idents().values().forEach(group::putIdent);
        }
        CelAbstractSyntaxTree checked = ExprChecker.typecheck(env, container, ast, resultType);
        if (errors.getErrorCount() > 0) {
            return new CelValidationResult(source, issues(errors));
        }
        return new CelValidationResult(checked, ImmutableList.of());
    }

    /** The errors as CEL's checker turns them into issues. */
    private static ImmutableList<CelIssue> issues(Errors errors) {
        List<CelIssue> issues = new ArrayList<>();
        for (Errors.Error error : errors.getErrors()) {
            Errors.SourceLocation location = errors.getPositionLocation(error.position());
            issues.add(CelIssue.newBuilder()
                    .setSeverity(CelIssue.Severity.ERROR)
                    .setExprId(error.exprId())
                    .setMessage(error.rawMessage())
                    .setSourceLocation(CelSourceLocation.of(location.line(), location.column() - 1))
                    .build());
        }
        return ImmutableList.copyOf(issues);
    }

    private static List<Level> levels(Env kept) {
        List<Level> levels = new ArrayList<>();
        for (int depth = 0; depth <= kept.scopeDepth(); depth++) {
            Env.DeclGroup group = kept.getDeclGroup(depth);
            levels.add(new Level(group.getFunctions(), group.getIdents()));
        }
        return List.copyOf(levels);
    }

    /** The environment CEL's checker would build for a check, or null when it cannot be had or has errors. */
    private static Env keptEnvironment(CelChecker checker) {
        try {
            Method getEnv = checker.getClass().getDeclaredMethod("getEnv", Errors.class);
            getEnv.setAccessible(true);
            Errors errors = new Errors("<declarations>", "");
            Env env = (Env) getEnv.invoke(checker, errors);
            return errors.getErrorCount() == 0 ? env : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
