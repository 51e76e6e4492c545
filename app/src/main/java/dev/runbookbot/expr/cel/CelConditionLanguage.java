package dev.runbookbot.expr.cel;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conditions in CEL, the Common Expression Language (the language of Kubernetes validation rules): compiled and
 * type-checked against a {@link ConditionScope} at load time, evaluated over data only.
 *
 * <p>Safety: the environment has CEL's standard functions and macros plus its {@code math} and {@code strings}
 * extensions, all pure functions over values. No Java object, class or method is reachable from a condition, nothing
 * reads files, the network or the clock, and each evaluation may run at most {@code maxIterations} loop iterations
 * (over all {@code all}/{@code exists}/{@code map}/{@code filter} macros together). Regular expressions use RE2 (linear
 * time). Comparisons of a double with an int follow IEEE 754, so NaN compares false (see {@link NanSafeComparisons}).
 *
 * <p>Seed syntax: {@code ===} and {@code !==} are read as {@code ==} and {@code !=}, and the condition's
 * {@link Condition#notes()} show the exact rewrite. A number with a duration unit ({@code 1000ms}) is an error whose
 * hint is the rewrite with plain milliseconds.
 *
 * <p>Thread-safe. The runtime is built once, when a condition is first evaluated. The parser is built once (it does not
 * depend on the scope); one checker is built per distinct scope and kept (up to {@value #MAX_CACHED_SCOPES} scopes, since
 * runbooks share a handful of scope shapes), with its declarations built once ({@link ScopeChecker}). A condition
 * compiled without error is kept too (up to {@value #MAX_CACHED_CONDITIONS}), by its source and scope: lint checks
 * the same condition for several rules, and the bot compiles again what lint checked.
 */
public final class CelConditionLanguage implements ConditionLanguage {
    /** The default loop budget for one evaluation: enough for a condition over every sample of a large vector. */
    public static final int DEFAULT_MAX_ITERATIONS = 100_000;
    /** The longest condition accepted, in characters. */
    public static final int MAX_SOURCE_LENGTH = 4_096;

    private static final int MAX_CACHED_SCOPES = 256;
    private static final int MAX_CACHED_CONDITIONS = 4_096;
    private static final int MAX_NESTING = 64;

    private final int maxIterations;
    private final CelOptions options;
    private final CelStandardDeclarations standardDeclarations =
            CelStandardDeclarations.newBuilder().build();
    private final List<CelCompilerLibrary> extensions = List.of(CelExtensions.math(), CelExtensions.strings());
    private final CelParser parser;
    private volatile CelRuntime runtime;
    private final Map<ConditionScope, ScopeChecker> checkers = new ConcurrentHashMap<>();
    private final Map<Compiled, Condition> compiled = new ConcurrentHashMap<>();

    /** A condition's source and the scope it was compiled against: the key of a kept compilation. */
    private record Compiled(String source, ConditionScope scope) {}

    public CelConditionLanguage() {
        this(DEFAULT_MAX_ITERATIONS);
    }

    /** @param maxIterations the loop budget of one evaluation; a condition that needs more fails with a clear error */
    public CelConditionLanguage(int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be positive, got " + maxIterations);
        }
        this.maxIterations = maxIterations;
        this.options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(maxIterations)
                .maxParseRecursionDepth(MAX_NESTING)
                .maxExpressionCodePointSize(MAX_SOURCE_LENGTH * 2) // room for unit fixes; the source limit is ours
                .populateMacroCalls(true)
                .build();
        this.parser = CelParserFactory.standardCelParserBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(extensions)
                .build();
    }

    /**
     * The runtime, built when a condition is first evaluated: building it (CEL's function bindings and protobuf's
     * descriptor pool) is a tenth of {@code runbookctl lint}, which only checks conditions.
     */
    private CelRuntime runtime() {
        CelRuntime built = runtime;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (runtime == null) {
                runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                        .setOptions(options)
                        .setStandardEnvironmentEnabled(false)
                        .setStandardFunctions(NanSafeComparisons.standardFunctions())
                        .addFunctionBindings(NanSafeComparisons.bindings())
                        .addLibraries(CelExtensions.math(), CelExtensions.strings())
                        .build();
            }
            return runtime;
        }
    }

    @Override
    public Condition compile(String source, ConditionScope scope) throws ConditionException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
        Compiled key = new Compiled(source, scope);
        Condition kept = compiled.get(key);
        if (kept != null) {
            return kept;
        }
        Condition condition = compileAnew(source, scope);
        if (compiled.size() < MAX_CACHED_CONDITIONS) {
            compiled.putIfAbsent(key, condition);
        }
        return condition;
    }

    private Condition compileAnew(String source, ConditionScope scope) throws ConditionException {
        if (source.isBlank()) {
            throw new ConditionException("condition is empty", 0, "");
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new ConditionException(
                    "condition is " + source.length() + " characters long; the limit is " + MAX_SOURCE_LENGTH,
                    MAX_SOURCE_LENGTH,
                    "");
        }
        SeedSyntax.Rewrite rewrite = SeedSyntax.rewrite(source);
        EditedText canonical = rewrite.text();
        List<UnitLiterals.UnitLiteral> units = UnitLiterals.find(canonical.text());
        List<DottedNames.DottedName> dotted = DottedNames.find(canonical.text());
        List<Edit> edits = new java.util.ArrayList<>();
        units.forEach(unit -> edits.add(unit.fix()));
        dotted.forEach(name -> edits.add(name.fix()));
        EditedText checked = canonical.edit(edits);
        CompileProblems problems = new CompileProblems(checked, scope);
        for (UnitLiterals.UnitLiteral unit : units) {
            problems.addUnit(unit, canonical.originalOffset(unit.start()));
        }
        for (DottedNames.DottedName name : dotted) {
            problems.addDottedName(name, canonical.originalOffset(name.start()));
        }

        CelValidationResult parsed = parser.parse(checked.text());
        if (parsed.hasError()) {
            problems.addSyntax(parsed);
            throw problems.toException();
        }
        CelAbstractSyntaxTree parsedAst = ast(parsed);
        CelValidationResult result = checkerFor(scope).check(parsedAst);
        if (result.hasError()) {
            problems.addTypeErrors(result, parsedAst);
            throw problems.toException();
        }
        CelAbstractSyntaxTree checkedAst = ast(result);
        CelType resultType = checkedAst.getResultType();
        if (resultType.kind() != CelKind.BOOL && resultType.kind() != CelKind.DYN) {
            Integer root = checkedAst
                    .getSource()
                    .getPositionsMap()
                    .get(checkedAst.getExpr().id());
            problems.add(
                    root == null ? 0 : checked.text().offsetByCodePoints(0, root),
                    "condition must be a boolean, got " + resultType.name());
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return new CelCondition(
                canonical, rewrite.notes(), checkedAst, this::program, scope.variables(), maxIterations);
    }

    private CelRuntime.Program program(CelAbstractSyntaxTree checkedAst) throws ConditionException {
        try {
            return runtime().createProgram(checkedAst);
        } catch (CelEvaluationException e) {
            throw new ConditionException("cannot prepare condition: " + e.getMessage(), -1, "");
        }
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result) throws ConditionException {
        try {
            return result.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            throw new ConditionException(e.getMessage(), -1, "");
        }
    }

    private ScopeChecker checkerFor(ConditionScope scope) {
        ScopeChecker cached = checkers.get(scope);
        if (cached != null) {
            return cached;
        }
        ScopeChecker built = buildChecker(scope);
        if (checkers.size() < MAX_CACHED_SCOPES) {
            checkers.putIfAbsent(scope, built);
        }
        return built;
    }

    /** Package-private for the test that keeps {@link ScopeChecker}'s shared environment in use. */
    ScopeChecker buildChecker(ConditionScope scope) {
        // The standard declarations are built once and given to every checker.
        CelCheckerBuilder builder = CelCompilerFactory.standardCelCheckerBuilder()
                .setOptions(options)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(standardDeclarations)
                .addLibraries(extensions);
        scope.variables()
                .forEach((name, type) -> builder.addVarDeclarations(CelVarDecl.newVarDeclaration(name, celType(type))));
        return new ScopeChecker(builder.build(), options);
    }

    /** The CEL type a runbook-bot value type is declared as. */
    static CelType celType(ValueType type) {
        return switch (type) {
            case BOOL -> SimpleType.BOOL;
            case INT -> SimpleType.INT;
            case DOUBLE -> SimpleType.DOUBLE;
            case STRING -> SimpleType.STRING;
            case STRING_LIST -> ListType.create(SimpleType.STRING);
            case STRING_MAP -> MapType.create(SimpleType.STRING, SimpleType.STRING);
            case MAP_LIST -> ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN));
            case MAP -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case MAP_OF_MAPS -> MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN));
            case DYN -> SimpleType.DYN;
            case TIMESTAMP -> SimpleType.TIMESTAMP;
        };
    }
}
