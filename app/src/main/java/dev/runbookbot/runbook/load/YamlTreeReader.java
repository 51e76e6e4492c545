package dev.runbookbot.runbook.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into a {@link YamlNode} tree with the line and column of every key and value, using Jackson's
 * streaming YAML parser (never data binding, never polymorphic typing). Refuses what a runbook never needs and an
 * attacker might: anchors and aliases, explicit tags ({@code !!java/...}), more than one document, duplicate keys,
 * and anything beyond {@link YamlLimits}. Thread-safe.
 */
public final class YamlTreeReader {
    private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

    private final YamlLimits limits;
    private final YAMLFactory factory;

    public YamlTreeReader(YamlLimits limits) {
        this.limits = limits;
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(0);
        // duplicates are reported by our own reading, with both positions, and reading goes on
        loader.setAllowDuplicateKeys(true);
        loader.setNestingDepthLimit(limits.maxDepth() + 1);
        loader.setCodePointLimit(limits.maxBytes());
        this.factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        // our own depth check reports first, with a better message; this is the backstop
                        .maxNestingDepth(limits.maxDepth() + 2)
                        .maxStringLength(limits.maxScalarChars() + 1)
                        .maxDocumentLength(limits.maxBytes())
                        .build())
                .build();
    }

    public YamlTree read(Path file, String content) {
        List<Problem> problems = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) factory.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(Problem.error(
                        new SourceLocation(file, 1, 1),
                        "the file is empty",
                        "a runbook is a YAML mapping with id, name, description, severity, service, ..."));
                return new YamlTree(Optional.empty(), problems);
            }
            Reading reading = new Reading(parser, file, problems);
            YamlNode root = reading.node(first, 1);
            JsonToken next = parser.nextToken();
            if (next != null) {
                problems.add(Problem.error(
                        reading.here(),
                        "a runbook file holds one YAML document, but a second one starts here",
                        "put each runbook in its own file"));
            }
            return new YamlTree(Optional.of(root), problems);
        } catch (Abort abort) {
            problems.add(abort.problem);
        } catch (MarkedYAMLException e) {
            problems.add(syntaxError(file, e));
        } catch (StreamConstraintsException e) {
            problems.add(Problem.error(
                    location(file, e.getLocation()), "the YAML exceeds a reading limit: " + firstLine(e)));
        } catch (JsonProcessingException e) {
            problems.add(parseError(file, content, e));
        } catch (IOException e) {
            problems.add(Problem.error(new SourceLocation(file, 1, 1), "cannot read the YAML: " + e.getMessage()));
        }
        return new YamlTree(Optional.empty(), problems);
    }

    private static Problem syntaxError(Path file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        SourceLocation at = mark == null
                ? location(file, e.getLocation())
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
        String hint = "";
        Mark contextMark = e.getContextMark();
        if (e.getContext() != null && contextMark != null) {
            hint = e.getContext() + " that starts at line " + (contextMark.getLine() + 1) + ", column "
                    + (contextMark.getColumn() + 1);
        }
        String problem = e.getProblem() == null ? firstLine(e) : e.getProblem();
        return Problem.error(at, "YAML syntax error: " + problem, hint);
    }

    /** Jackson's own parse errors, in words: mostly a key that is not plain text, often an unquoted template. */
    private static Problem parseError(Path file, String content, JsonProcessingException e) {
        SourceLocation at = location(file, e.getLocation());
        String message = firstLine(e);
        if (message.startsWith("Expected a field name")) {
            List<String> lines = content.lines().toList();
            String line = at.line() >= 1 && at.line() <= lines.size() ? lines.get(at.line() - 1) : "";
            if (line.contains("{{")) {
                return Problem.error(
                        at,
                        "YAML syntax error: an unquoted '{{' starts a YAML mapping",
                        "quote a templated value: \"{{ params.name }}\"");
            }
            return Problem.error(at, "YAML syntax error: a mapping key must be plain text");
        }
        return Problem.error(at, "YAML syntax error: " + message);
    }

    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static SourceLocation location(Path file, JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return new SourceLocation(file, 1, 1);
        }
        return new SourceLocation(file, location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** Stops reading: the problem is reported and no tree is returned. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Abort(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** One pass over one document. */
    private final class Reading {
        private final YAMLParser parser;
        private final Path file;
        private final List<Problem> problems;

        Reading(YAMLParser parser, Path file, List<Problem> problems) {
            this.parser = parser;
            this.file = file;
            this.problems = problems;
        }

        SourceLocation here() {
            return location(file, parser.currentTokenLocation());
        }

        YamlNode node(JsonToken token, int depth) throws IOException {
            SourceLocation at = here();
            refuseAliasesAndTags(token, at);
            return switch (token) {
                case START_OBJECT -> map(at, depth);
                case START_ARRAY -> list(at, depth);
                case VALUE_STRING -> scalarText(at);
                case VALUE_NUMBER_INT -> integer(at);
                case VALUE_NUMBER_FLOAT -> floating(at);
                case VALUE_TRUE -> new YamlNode.YamlScalar(parser.getText(), Boolean.TRUE, at);
                case VALUE_FALSE -> new YamlNode.YamlScalar(parser.getText(), Boolean.FALSE, at);
                case VALUE_NULL -> new YamlNode.YamlScalar(parser.getText(), null, at);
                default -> throw new Abort(Problem.error(at, "unexpected YAML content: " + token));
            };
        }

        private void refuseAliasesAndTags(JsonToken token, SourceLocation at) throws IOException {
            if (parser.isCurrentAlias()) {
                throw new Abort(Problem.error(
                        at,
                        "YAML aliases (*" + parser.getText() + ") are not allowed in runbooks",
                        "write the value out where it is needed"));
            }
            if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                    && parser.getCurrentAnchor() != null) {
                throw new Abort(Problem.error(
                        at,
                        "YAML anchors (&" + parser.getCurrentAnchor() + ") are not allowed in runbooks",
                        "write the value out where it is needed"));
            }
            String tag = parser.getTypeId();
            if (tag != null) {
                String shown =
                        tag.startsWith(CORE_TAG_PREFIX) ? "!!" + tag.substring(CORE_TAG_PREFIX.length()) : "!" + tag;
                throw new Abort(Problem.error(
                        at,
                        "YAML tags (" + shown + ") are not allowed in runbooks",
                        "remove the tag; quote the value if it must be text"));
            }
        }

        private YamlNode map(SourceLocation at, int depth) throws IOException {
            checkDepth(at, depth);
            Map<String, YamlNode.YamlMap.Entry> entries = new LinkedHashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                SourceLocation keyAt = here();
                YamlNode value = node(parser.nextToken(), depth + 1);
                YamlNode.YamlMap.Entry earlier = entries.get(key);
                if (earlier != null) {
                    problems.add(Problem.error(
                            keyAt,
                            "duplicate key '" + key + "' (first at line "
                                    + earlier.keyLocation().line() + ")",
                            "YAML keeps only one value per key; remove or rename one of them"));
                } else {
                    entries.put(key, new YamlNode.YamlMap.Entry(key, keyAt, value));
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new Abort(Problem.error(here(), "unexpected YAML content in a mapping: " + token));
            }
            return new YamlNode.YamlMap(entries, at);
        }

        private YamlNode list(SourceLocation at, int depth) throws IOException {
            checkDepth(at, depth);
            List<YamlNode> items = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new Abort(Problem.error(here(), "unexpected end of YAML inside a list"));
                }
                items.add(node(token, depth + 1));
            }
            return new YamlNode.YamlList(items, at);
        }

        private void checkDepth(SourceLocation at, int depth) {
            if (depth > limits.maxDepth()) {
                throw new Abort(Problem.error(
                        at,
                        "the YAML nests deeper than " + limits.maxDepth() + " levels",
                        "runbooks are shallow; flatten this structure"));
            }
        }

        private YamlNode scalarText(SourceLocation at) throws IOException {
            String text = parser.getText();
            if (text.length() > limits.maxScalarChars()) {
                throw new Abort(Problem.error(
                        at,
                        "a value of " + text.length() + " characters exceeds the limit of " + limits.maxScalarChars(),
                        "keep large scripts and documents outside the runbook"));
            }
            return new YamlNode.YamlScalar(text, text, at);
        }

        private YamlNode integer(SourceLocation at) throws IOException {
            String text = parser.getText();
            try {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return new YamlNode.YamlScalar(text, parser.getDoubleValue(), at);
                }
                return new YamlNode.YamlScalar(text, parser.getLongValue(), at);
            } catch (JsonProcessingException e) {
                return new YamlNode.YamlScalar(text, text, at);
            }
        }

        private YamlNode floating(SourceLocation at) throws IOException {
            String text = parser.getText();
            try {
                return new YamlNode.YamlScalar(text, parser.getDoubleValue(), at);
            } catch (JsonProcessingException | NumberFormatException e) {
                return new YamlNode.YamlScalar(text, text, at);
            }
        }
    }
}
