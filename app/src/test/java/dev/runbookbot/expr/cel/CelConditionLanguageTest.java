package dev.runbookbot.expr.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CelConditionLanguageTest {
    private final CelConditionLanguage cel = new CelConditionLanguage();

    private static final ConditionScope METRIC = new ConditionScope(Map.of(
            "value", ValueType.DOUBLE,
            "count", ValueType.INT,
            "samples", ValueType.MAP_LIST,
            "ready_count", ValueType.INT,
            "total_count", ValueType.INT,
            "all_ready", ValueType.BOOL,
            "params", ValueType.MAP,
            "labels", ValueType.STRING_MAP));

    private static final ConditionScope HTTP = new ConditionScope(Map.of(
            "all_healthy", ValueType.BOOL,
            "any_unreachable", ValueType.BOOL,
            "slowest_latency_ms", ValueType.INT,
            "urls", ValueType.MAP_LIST));

    private static final ConditionScope DECISION = new ConditionScope(Map.of(
            "diagnostics", ValueType.MAP_OF_MAPS,
            "params", ValueType.MAP,
            "labels", ValueType.STRING_MAP,
            "annotations", ValueType.STRING_MAP,
            "severity", ValueType.STRING));

    private ConditionException compileError(String source, ConditionScope scope) {
        return assertThrows(ConditionException.class, () -> cel.compile(source, scope));
    }

    private static Map<String, Object> vars(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> step(String status, Object... facts) {
        Map<String, Object> map = vars(facts);
        map.put("status", status);
        return map;
    }

    @Nested
    class SeedSyntax {
        @Test
        void strictEqualityIsReadAsEqualityWithANoteShowingTheRewrite() throws Exception {
            Condition c = cel.compile("diagnostics.check_db_connections.status === 'critical'", DECISION);

            assertEquals("diagnostics.check_db_connections.status == 'critical'", c.canonical());
            assertEquals("diagnostics.check_db_connections.status === 'critical'", c.source());
            assertEquals(
                    List.of("'===' is JavaScript; this condition was read as:"
                            + " diagnostics.check_db_connections.status == 'critical'"),
                    c.notes());
            assertTrue(c.evaluate(vars("diagnostics", Map.of("check_db_connections", step("critical")))));
            assertFalse(c.evaluate(vars("diagnostics", Map.of("check_db_connections", step("warning")))));
        }

        @Test
        void strictInequalityAndBothOperatorsAreNamedInOneNote() throws Exception {
            Condition c = cel.compile("ready_count !== 0 && all_ready === false", METRIC);

            assertEquals("ready_count != 0 && all_ready == false", c.canonical());
            assertEquals(
                    List.of("'===' and '!==' are JavaScript; this condition was read as:"
                            + " ready_count != 0 && all_ready == false"),
                    c.notes());
            assertTrue(c.evaluate(vars("ready_count", 2, "all_ready", false)));
        }

        @Test
        void theSeedInterpretConditionsLoadAndMean() throws Exception {
            Condition healthy = cel.compile("all_ready === true", METRIC);
            Condition warning = cel.compile("ready_count < total_count", METRIC);
            Condition critical = cel.compile("ready_count === 0", METRIC);
            Condition band = cel.compile("value >= 70 && value < 90", METRIC);

            assertTrue(healthy.evaluate(vars("all_ready", true)));
            assertTrue(warning.evaluate(vars("ready_count", 2, "total_count", 3)));
            assertFalse(critical.evaluate(vars("ready_count", 2L)));
            assertTrue(band.evaluate(vars("value", 75.5)));
            assertFalse(band.evaluate(vars("value", 90)));
            assertTrue(band.notes().isEmpty());
            assertEquals("value >= 70 && value < 90", band.canonical());
        }

        @Test
        void operatorsInsideStringLiteralsAndCommentsAreNotRewritten() throws Exception {
            ConditionScope scope = new ConditionScope(Map.of("text", ValueType.STRING));
            Condition c = cel.compile("text === 'a === b' || text == \"!==\" || text == '''x === y'''", scope);

            assertEquals("text == 'a === b' || text == \"!==\" || text == '''x === y'''", c.canonical());
            assertTrue(c.evaluate(vars("text", "a === b")));
            assertTrue(c.evaluate(vars("text", "!==")));
            assertFalse(c.evaluate(vars("text", "a == b")));

            Condition untouched = cel.compile("text == 'it\\'s === fine' // a === comment", scope);
            assertEquals("text == 'it\\'s === fine' // a === comment", untouched.canonical());
            assertTrue(untouched.notes().isEmpty());
            assertTrue(untouched.evaluate(vars("text", "it's === fine")));
        }

        @Test
        void aNumberWithAUnitFailsWithTheUnknownVariableAndTheExactRewrite() {
            ConditionException e = compileError("any_slow > 1000ms", HTTP);

            assertEquals(
                    "unknown variable 'any_slow'; declared: any_unreachable, slowest_latency_ms, urls, all_healthy;"
                            + " '1000ms' is not a number: a number cannot carry a unit in a condition, and facts"
                            + " carry durations as plain milliseconds",
                    e.getMessage());
            assertEquals(0, e.offset());
            assertEquals("durations are numbers of milliseconds: write any_slow > 1000", e.hint());
        }

        @Test
        void aUnitOnADeclaredFactPointsAtTheNumber() {
            ConditionException e = compileError("slowest_latency_ms > 1.5s", HTTP);

            assertEquals(
                    "'1.5s' is not a number: a number cannot carry a unit in a condition, and facts carry durations"
                            + " as plain milliseconds",
                    e.getMessage());
            assertEquals(21, e.offset());
            assertEquals("durations are numbers of milliseconds: write slowest_latency_ms > 1500", e.hint());
        }

        @Test
        void identifiersThatEndLikeAUnitAreNotNumbers() throws Exception {
            ConditionScope scope = new ConditionScope(Map.of("deploy_within_5m", ValueType.BOOL));
            Condition c = cel.compile("deploy_within_5m", scope);
            assertTrue(c.evaluate(vars("deploy_within_5m", true)));
        }
    }

    @Nested
    class CompileErrors {
        @Test
        void aConditionMustBeBoolean() {
            ConditionException e = compileError("count + 1", METRIC);
            assertEquals("condition must be a boolean, got int", e.getMessage());
            assertEquals(6, e.offset());

            ConditionException bare = compileError("value", METRIC);
            assertEquals("condition must be a boolean, got double", bare.getMessage());
            assertEquals(0, bare.offset());
        }

        @Test
        void anUnknownVariableNamesTheClosestDeclaredOneAndTheRewrite() {
            ConditionException e = compileError("ready_cont < total_count", METRIC);

            assertEquals(
                    "unknown variable 'ready_cont' (did you mean 'ready_count'?); declared: ready_count,"
                            + " all_ready, count, total_count, labels, params, samples, value",
                    e.getMessage());
            assertEquals(0, e.offset());
            assertEquals("write ready_count < total_count", e.hint());
        }

        @Test
        void caseAndUnderscoresCountAsTypos() {
            ConditionException e = compileError("allReady", METRIC);
            assertTrue(e.getMessage().startsWith("unknown variable 'allReady' (did you mean 'all_ready'?)"));
            assertEquals("write all_ready", e.hint());
        }

        @Test
        void aBareWordComparedWithSomethingIsProbablyText() {
            ConditionScope scope = new ConditionScope(Map.of("status", ValueType.STRING));
            ConditionException e = compileError("status == critical", scope);

            assertEquals(
                    "unknown variable 'critical' (if you meant the text, quote it: 'critical'); declared: status",
                    e.getMessage());
            assertEquals(10, e.offset());
            assertEquals("write status == 'critical'", e.hint());
        }

        @Test
        void offsetsPointIntoTheOriginalSourceAfterARewrite() {
            ConditionException e = compileError("all_ready === true && valu > 1", METRIC);

            assertEquals(22, e.offset()); // 'valu' in the source as written; the canonical text is one shorter
            assertEquals("write all_ready == true && value > 1", e.hint());
        }

        @Test
        void offsetsCountCharactersAcrossLines() {
            ConditionException e = compileError("value > 1 &&\n  valu < 3", METRIC);
            assertEquals(15, e.offset());
        }

        @Test
        void comparingADoubleWithAnIntLiteralForEqualitySuggestsTheDoubleLiteral() {
            ConditionException e = compileError("value == 0", METRIC);

            assertEquals("'==' cannot compare double with int", e.getMessage());
            assertEquals(6, e.offset());
            assertEquals("write value == 0.0", e.hint());
        }

        @Test
        void comparingAStepWithAStatusSuggestsSelectingTheStatus() {
            ConditionException e = compileError("diagnostics.check_db === 'critical'", DECISION);

            assertEquals("'==' cannot compare map(string, dyn) with string", e.getMessage());
            assertEquals(21, e.offset());
            assertEquals("write diagnostics.check_db.status == 'critical'", e.hint());
        }

        @Test
        void aSyntaxErrorSaysSoWithItsOffset() {
            ConditionException e = compileError("value > 1 &&& count > 2", METRIC);
            assertTrue(e.getMessage().startsWith("syntax error: "), e.getMessage());
            assertEquals(12, e.offset());
        }

        @Test
        void unknownFunctionsAndJavaAreNotReachable() {
            ConditionException fn = compileError("exec('rm -rf /')", METRIC);
            assertTrue(fn.getMessage().startsWith("unknown function 'exec'"), fn.getMessage());

            ConditionException java = compileError("java.lang.Runtime.getRuntime() != null", METRIC);
            assertTrue(java.getMessage().contains("unknown"), java.getMessage());
        }

        @Test
        void emptyAndOverlongConditionsAreRejected() {
            assertEquals("condition is empty", compileError("  ", METRIC).getMessage());
            String longSource = "value > 1" + " && value > 1".repeat(400);
            ConditionException e = compileError(longSource, METRIC);
            assertEquals("condition is " + longSource.length() + " characters long; the limit is 4096", e.getMessage());
        }

        @Test
        void nonAsciiTextBeforeAnErrorCountsAsOneCharacterEach() {
            ConditionScope scope = new ConditionScope(Map.of("text", ValueType.STRING));
            ConditionException e = compileError("text == '😀é' && txt == 'x'", scope);
            assertEquals(17, e.offset()); // the emoji counts as two chars (a surrogate pair), as Java strings do
        }
    }

    @Nested
    class SelectedFields {
        @Test
        void fieldsSelectedByNameOrStringIndexOnTheVariable() throws Exception {
            Condition c = cel.compile(
                    "diagnostics.check_db.status == 'critical' && diagnostics['other'].value > 1"
                            + " && labels.namespace == 'payments'",
                    DECISION);

            assertEquals(Set.of("check_db", "other"), c.selectedFields("diagnostics"));
            assertEquals(Set.of("namespace"), c.selectedFields("labels"));
            assertEquals(Set.of(), c.selectedFields("params"));
            assertEquals(Set.of("diagnostics", "labels"), c.variables());
        }

        @Test
        void aComprehensionVariableShadowsTheScopeVariable() throws Exception {
            Condition c = cel.compile(
                    "[{'fake': 1}].exists(diagnostics, diagnostics.fake == 1) && diagnostics.real.status == 'ok'",
                    DECISION);
            assertEquals(Set.of("real"), c.selectedFields("diagnostics"));
        }

        @Test
        void variablesListsWhatTheConditionReads() throws Exception {
            Condition c = cel.compile("value > 1.0 && samples.all(s, s.value > 0.0)", METRIC);
            assertEquals(Set.of("value", "samples"), c.variables());
        }
    }

    @Nested
    class Evaluation {
        private List<Map<String, Object>> samples(Object... values) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Object v : values) {
                list.add(Map.of("value", v, "labels", Map.of("pod", "p" + list.size())));
            }
            return list;
        }

        @Test
        void conditionsOverEverySampleOfAVector() throws Exception {
            Condition allOne = cel.compile("samples.all(s, s.value == 1.0)", METRIC);
            Condition breached = cel.compile("samples.exists(s, s.value > 5 && s.labels.pod == 'p1')", METRIC);
            Condition counted = cel.compile("samples.filter(s, s.value < 1.0).size() == 2", METRIC);

            assertTrue(allOne.evaluate(vars("samples", samples(1.0, 1, 1.0f))));
            assertFalse(allOne.evaluate(vars("samples", samples(1.0, 0.0))));
            assertTrue(breached.evaluate(vars("samples", samples(1.0, 7))));
            assertFalse(breached.evaluate(vars("samples", samples(7, 1.0))));
            assertTrue(counted.evaluate(vars("samples", samples(0.5, 0, 3))));
        }

        @Test
        void celDurationsCompareWithEachOtherAndFactsCarryMilliseconds() throws Exception {
            assertTrue(cel.compile("duration('90s') > duration('1m') && value > 1500.0", METRIC)
                    .evaluate(vars("value", 1600.0)));
            assertFalse(
                    cel.compile("duration('1m30s') < duration('90s')", METRIC).evaluate(vars("value", 0.0)));
        }

        @Test
        void javaNumbersAreWidenedToCelTypes() throws Exception {
            Condition c = cel.compile("ready_count < total_count && value > 0.5", METRIC);
            assertTrue(c.evaluate(vars("ready_count", (short) 1, "total_count", 3, "value", 0.75f)));
            assertFalse(c.evaluate(vars("ready_count", 3L, "total_count", 3, "value", 1)));
        }

        @Test
        void nanComparesFalseEverywhereAndMathIsNaNTellsIt() throws Exception {
            Map<String, Object> nan = vars("value", Double.NaN);
            for (String source : List.of(
                    "value >= 90",
                    "value > 90",
                    "value <= 90",
                    "value < 90",
                    "value >= 90.0",
                    "value < 90.0",
                    "value == 1.0",
                    "90 <= value",
                    "90 > value")) {
                assertFalse(cel.compile(source, METRIC).evaluate(nan), source);
            }
            assertTrue(cel.compile("value != 1.0", METRIC).evaluate(nan));
            assertTrue(cel.compile("math.isNaN(value)", METRIC).evaluate(nan));
            assertFalse(cel.compile("math.isNaN(value)", METRIC).evaluate(vars("value", 1.0)));
            assertFalse(cel.compile("samples.exists(s, s.value > 5)", METRIC)
                    .evaluate(vars("samples", samples(Double.NaN, Double.NaN))));
        }

        @Test
        void infinityComparesAsInfinity() throws Exception {
            assertTrue(cel.compile("value > 1000000", METRIC).evaluate(vars("value", Double.POSITIVE_INFINITY)));
            assertTrue(cel.compile("value < -1000000", METRIC).evaluate(vars("value", Double.NEGATIVE_INFINITY)));
            assertTrue(cel.compile("math.isInf(value)", METRIC).evaluate(vars("value", Double.POSITIVE_INFINITY)));
        }

        @Test
        void intAndDoubleCompareExactly() throws Exception {
            Condition c = cel.compile("count > 9007199254740992.0", METRIC);
            assertTrue(c.evaluate(vars("count", 9_007_199_254_740_993L))); // 2^53 + 1, not representable as double
            assertFalse(c.evaluate(vars("count", 9_007_199_254_740_992L)));
            assertTrue(cel.compile("count < 2.5", METRIC).evaluate(vars("count", 2)));
            assertFalse(cel.compile("count >= 2.5", METRIC).evaluate(vars("count", 2)));
            assertTrue(cel.compile("value <= 3", METRIC).evaluate(vars("value", 3.0)));
        }

        @Test
        void paramsAndLabelsAreMaps() throws Exception {
            Condition c = cel.compile("value > params.threshold && labels.namespace == 'payments'", METRIC);
            assertTrue(c.evaluate(
                    vars("value", 10.0, "params", Map.of("threshold", 5), "labels", Map.of("namespace", "payments"))));
            assertFalse(c.evaluate(
                    vars("value", 1.0, "params", Map.of("threshold", 5), "labels", Map.of("namespace", "payments"))));
        }

        @Test
        void nullInsideDataIsCelNull() throws Exception {
            Map<String, Object> params = new HashMap<>();
            params.put("owner", null);
            assertTrue(cel.compile("params.owner == null", METRIC).evaluate(vars("params", params)));
        }

        @Test
        void divisionByZeroIsAConditionException() throws Exception {
            Condition c = cel.compile("ready_count / total_count < 1", METRIC);
            ConditionException e =
                    assertThrows(ConditionException.class, () -> c.evaluate(vars("ready_count", 1, "total_count", 0)));
            assertEquals("division by zero in `ready_count / total_count`", e.getMessage());
            assertEquals(12, e.offset());
        }

        @Test
        void aMissingKeyNamesTheMapAndTheKey() throws Exception {
            Condition c = cel.compile("diagnostics.check_db.status === 'critical'", DECISION);
            ConditionException e = assertThrows(
                    ConditionException.class, () -> c.evaluate(vars("diagnostics", Map.of("other", step("ok")))));
            assertEquals("`diagnostics` has no key 'check_db'", e.getMessage());
            assertEquals(11, e.offset());

            Condition indexed = cel.compile("diagnostics['check-db'].value > 1", DECISION);
            ConditionException e2 = assertThrows(
                    ConditionException.class,
                    () -> indexed.evaluate(vars("diagnostics", Map.of("check-db", step("error")))));
            assertEquals("`diagnostics[\"check-db\"]` has no key 'value'", e2.getMessage());
        }

        @Test
        void aMissingOrMistypedVariableIsAConditionException() throws Exception {
            Condition c = cel.compile("count > 1 && value > 2.0", METRIC);

            ConditionException missing = assertThrows(ConditionException.class, () -> c.evaluate(vars("count", 3)));
            assertEquals(
                    "no value for variable 'value' (the condition reads it, the result does not have it)",
                    missing.getMessage());
            assertEquals(13, missing.offset());

            ConditionException mistyped =
                    assertThrows(ConditionException.class, () -> c.evaluate(vars("count", "3", "value", 1.0)));
            assertEquals("variable count is declared int but got a String", mistyped.getMessage());

            ConditionException fraction =
                    assertThrows(ConditionException.class, () -> c.evaluate(vars("count", 2.5, "value", 1.0)));
            assertEquals("variable count is declared int but got the number 2.5", fraction.getMessage());

            ConditionException nested =
                    assertThrows(ConditionException.class, () -> cel.compile("samples.size() > 0", METRIC)
                            .evaluate(vars("samples", List.of(Map.of("at", new Object())))));
            assertTrue(
                    nested.getMessage().startsWith("value of samples[0]['at'] has a type conditions cannot read"),
                    nested.getMessage());
        }

        @Test
        void mixingIntAndDoubleInArithmeticSaysHowToConvert() throws Exception {
            Condition c = cel.compile("value > params.max * 0.9", METRIC);
            ConditionException e = assertThrows(
                    ConditionException.class, () -> c.evaluate(vars("value", 95.0, "params", Map.of("max", 100))));
            assertEquals(
                    "cannot evaluate `params.max * 0.9`: '*' does not take values of these types (CEL does not mix"
                            + " int and double in arithmetic: convert with double(...) or int(...))",
                    e.getMessage());
            assertEquals(19, e.offset());
            assertTrue(cel.compile("value > double(params.max) * 0.9", METRIC)
                    .evaluate(vars("value", 95.0, "params", Map.of("max", 100))));
        }

        @Test
        void guardsShortCircuitEitherWayRound() throws Exception {
            Map<String, Object> errored = vars("diagnostics", Map.of("check_db", step("error")));
            assertFalse(cel.compile(
                            "diagnostics.check_db.value > 90.0 && diagnostics.check_db.status == 'critical'", DECISION)
                    .evaluate(errored));
            assertFalse(cel.compile("has(diagnostics.check_db.value) && diagnostics.check_db.value > 90.0", DECISION)
                    .evaluate(errored));
        }

        @Test
        void textualJavaValuesInsideDataReadAsText() throws Exception {
            Condition c = cel.compile(
                    "params.at == '2025-01-01T00:00:00Z' && params.took == 'PT5S' && params.day == 'MONDAY'", METRIC);
            assertTrue(c.evaluate(vars(
                    "params",
                    Map.of(
                            "at", Instant.parse("2025-01-01T00:00:00Z"),
                            "took", Duration.ofSeconds(5),
                            "day", DayOfWeek.MONDAY))));
        }

        @Test
        void aDynamicResultThatIsNotBooleanIsAConditionException() throws Exception {
            Condition c = cel.compile("params.mode", METRIC);
            ConditionException e = assertThrows(
                    ConditionException.class, () -> c.evaluate(vars("params", Map.of("mode", "critical"))));
            assertEquals("condition must be a boolean, got string 'critical'", e.getMessage());
        }

        @Test
        void evaluationCostIsBounded() throws Exception {
            CelConditionLanguage small = new CelConditionLanguage(10);
            Condition c = small.compile("samples.all(s, samples.all(t, s.value <= t.value + 100.0))", METRIC);
            ConditionException e =
                    assertThrows(ConditionException.class, () -> c.evaluate(vars("samples", samples(1, 2, 3, 4, 5))));
            assertEquals(
                    "the condition ran more than 10 loop iterations, the limit for one evaluation", e.getMessage());
            assertTrue(
                    small.compile("samples.all(s, s.value > 0.0)", METRIC).evaluate(vars("samples", samples(1, 2, 3))));
        }

        @Test
        void stringAndRegexFunctionsWork() throws Exception {
            Condition c = cel.compile(
                    "labels.pod.startsWith('payments-') && labels.pod.matches('^payments-[a-z0-9]+$')"
                            + " && labels.ns.lowerAscii() == 'prod'",
                    METRIC);
            assertTrue(c.evaluate(vars("labels", Map.of("pod", "payments-7f9c", "ns", "PROD"))));
            assertFalse(c.evaluate(vars("labels", Map.of("pod", "payments-7F9C", "ns", "PROD"))));
        }

        @Test
        void oneConditionEvaluatesOnManyThreadsAtOnce() throws Exception {
            Condition c = cel.compile("samples.all(s, s.value < 10.0) && value >= 1", METRIC);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    double v = i % 2 == 0 ? 5.0 : 0.5;
                    results.add(pool.submit(() -> c.evaluate(vars("samples", samples(1, 2, 3), "value", v))));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertEquals(i % 2 == 0, results.get(i).get(), "evaluation " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void compilersAreSharedPerScopeButScopesStayApart() throws Exception {
            Condition a = cel.compile("value > 1.0", METRIC);
            Condition b = cel.compile("value > 1.0", METRIC);
            assertTrue(a.evaluate(vars("value", 2.0)));
            assertTrue(b.evaluate(vars("value", 2.0)));
            ConditionException e = compileError("value > 1.0", HTTP);
            assertTrue(e.getMessage().startsWith("unknown variable 'value'"), e.getMessage());
        }
    }
}
