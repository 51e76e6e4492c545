package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.Problem;
import java.util.List;
import java.util.Optional;

/** What reading a YAML file gave: the tree (absent when the file is empty or not readable YAML) and the problems. */
public record YamlTree(Optional<YamlNode> root, List<Problem> problems) {
    public YamlTree {
        problems = List.copyOf(problems);
    }
}
