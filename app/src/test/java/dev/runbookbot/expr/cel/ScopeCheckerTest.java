package dev.runbookbot.expr.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopeChecker} keeps CEL's checker environment and must give exactly what CEL's own checker gives: the same
 * issues (message, line, column) for a condition that fails, the same result type, types and references for one that
 * passes. The reference here is a compiler built the way {@link CelConditionLanguage} built one before.
 */
class ScopeCheckerTest {
    private static final ConditionScope SCOPE = new ConditionScope(Map.of(
            "value", ValueType.DOUBLE,
            "count", ValueType.INT,
            "samples", ValueType.MAP_LIST,
            "all_ready", ValueType.BOOL,
            "labels", ValueType.STRING_MAP,
            "names", ValueType.STRING_LIST,
            "diagnostics", ValueType.MAP_OF_MAPS,
            "started", ValueType.TIMESTAMP,
            "anything", ValueType.DYN));

    private static final List<String> CONDITIONS = List.of(
            "value > 0.5",
            "count >= 3 && all_ready",
            "samples.exists(s, s.value > 1.0)",
            "samples.all(s, s.labels.pod.startsWith('api-'))",
            "samples.map(s, s.value).filter(v, v > 2.0).size() > 0",
            "labels['namespace'] == 'payments' || 'prod' in names",
            "math.greatest(1, 2, 3) == 3 && math.least([1.0, value]) < 2.0",
            "labels.service.lowerAscii().contains('api') && 'a,b'.split(',').size() == 2",
            "diagnostics.error_rate.value > 0.05 && diagnostics.pods.status == 'critical'",
            "started < timestamp('2026-01-01T00:00:00Z') && duration('5m') > duration('1m')",
            "anything.deep.field == 1",
            "int(value) + count > 10 ? true : false",
            "string(count) + 'x' == '3x'",
            "names.size() > 0 && size(labels) == 2",
            "count", // not a boolean: that rule is ours, CEL's checker accepts it
            // failures: each issue's text and position must match
            "value > 'high'",
            "count + 'x' == 1",
            "vaule > 0.5",
            "labels.pod > 3",
            "samples.exists(s, s.value > 'a') && nope",
            "'abc'.indexOf(1) > 0",
            "value.startsWith('a')",
            "names[0] + 1 == 2",
            "undeclared_function(value)");

    private final CelOptions options = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(CelConditionLanguage.DEFAULT_MAX_ITERATIONS)
            .maxParseRecursionDepth(64)
            .maxExpressionCodePointSize(CelConditionLanguage.MAX_SOURCE_LENGTH * 2)
            .populateMacroCalls(true)
            .build();

    private CelCompiler celsOwn() {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.math(), CelExtensions.strings());
        SCOPE.variables().forEach((name, type) -> builder.addVar(name, CelConditionLanguage.celType(type)));
        return builder.build();
    }

    @Test
    void the_environment_is_built_once_and_shared_by_every_check() {
        assertTrue(
                new CelConditionLanguage().buildChecker(SCOPE).isShared(),
                "ScopeChecker fell back to CEL's checker: the cel-java in use builds its checker differently");
    }

    @Test
    void every_result_is_the_one_cels_own_checker_gives() throws Exception {
        CelCompiler reference = celsOwn();
        ScopeChecker shared = new CelConditionLanguage().buildChecker(SCOPE);
        int failures = 0;
        for (String condition : CONDITIONS) {
            CelAbstractSyntaxTree parsed = reference.parse(condition).getAst();
            CelValidationResult expected = reference.check(parsed);
            CelValidationResult actual = shared.check(parsed);
            assertEquals(expected.hasError(), actual.hasError(), condition);
            if (expected.hasError()) {
                failures++;
                assertEquals(expected.getErrors().toString(), actual.getErrors().toString(), condition);
                assertEquals(expected.getErrorString(), actual.getErrorString(), condition);
            } else {
                CelAbstractSyntaxTree want = expected.getAst();
                CelAbstractSyntaxTree got = actual.getAst();
                assertEquals(want.getResultType(), got.getResultType(), condition);
                assertEquals(want.getTypeMap(), got.getTypeMap(), condition);
                assertEquals(want.getReferenceMap(), got.getReferenceMap(), condition);
                assertEquals(want.getExpr(), got.getExpr(), condition);
            }
        }
        assertEquals(9, failures, "the failing conditions above must fail");
    }
}
