package dev.runbookbot.remediate;

import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An {@link ActionExecutor} for pipeline tests: its preview renders the config's {@code command} with {@code {{
 * params.db }}} replaced, and its execution records the request and answers with whatever the test chose. Thread-safe.
 */
final class FakeActionExecutor implements ActionExecutor {
    private final ActionType type;
    private volatile Function<ActionRequest, ActionOutcome> behaviour = request -> new ActionOutcome.Completed("OK");
    final List<ActionRequest> executed = new CopyOnWriteArrayList<>();

    FakeActionExecutor(ActionType type) {
        this.type = type;
    }

    void answer(Function<ActionRequest, ActionOutcome> answer) {
        this.behaviour = answer;
    }

    @Override
    public ActionType type() {
        return type;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return List.of();
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        String command = request.action().config().string("command").orElseThrow();
        Object db = request.context().params().get("db");
        if (db == null) {
            throw new ActionException("params.db is not set");
        }
        return new ActionPreview("fake " + type.yamlName(), List.of(command.replace("{{ params.db }}", db.toString())));
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        executed.add(request);
        return behaviour.apply(request);
    }
}
