package dev.runbookbot.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sandbox.mode: none}: the command runs on the host as the bot's user, as it is. A step that asks for less
 * network or for mounts is refused rather than silently given more than it asked for.
 */
final class HostProcess implements Sandbox {
    @Override
    public SandboxedCommand wrap(String program, ProcessSpec spec, Collection<String> environmentNames)
            throws SandboxRefusal {
        SandboxRequest request = spec.sandbox();
        List<String> arguments = spec.argv().subList(1, spec.argv().size());
        if (request.network().equals(Optional.of(NetworkAccess.NONE))) {
            throw new SandboxRefusal("the step asks for network: none, which needs a sandbox (sandbox.mode is none)");
        }
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(arguments);
        return new SandboxedCommand(argv, Map.of(), "", Optional.empty());
    }

    @Override
    public boolean findsProgramOnHost() {
        return true;
    }
}
