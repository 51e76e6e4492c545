package dev.runbookbot.expr;

/**
 * The advice for the commonest almost-right placeholder: a label or annotation name with dots, slashes or dashes
 * written after its scope ({@code labels.app.kubernetes.io/name}), which Go templates cannot read either; the message
 * shows the bracket spelling that works. Anything else is the parser's plain "malformed placeholder".
 */
final class DottedNames {
    private DottedNames() {}

    /**
     * A label or annotation name written with dots, slashes or dashes after the scope ({@code labels.app.kubernetes.io/name}):
     * such a name is read with brackets, and the message shows how.
     */
    static TemplateException mistake(String text, int braces, TemplateVariable.Scope scope, int scopeAt) {
        int nameStart = scopeAt + scope.prefix().length() + 1;
        int end = nameStart;
        while (end < text.length()
                && (PlaceholderParser.isLetter(text.charAt(end))
                        || PlaceholderParser.isDigit(text.charAt(end))
                        || ".-/".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        if (scope == TemplateVariable.Scope.PARAMS
                || nameStart >= text.length()
                || text.charAt(nameStart - 1) != '.'
                || end == nameStart) {
            return new TemplateException(PlaceholderParser.MALFORMED, braces);
        }
        String name = text.substring(nameStart, end);
        String what = scope == TemplateVariable.Scope.LABELS ? "label" : "annotation";
        return new TemplateException(
                "'" + scope.prefix() + "." + name + "': " + (what.equals("label") ? "a " : "an ") + what
                        + " name with dots, slashes or dashes is read with brackets: write {{ "
                        + new TemplateVariable(scope, name) + " }}",
                braces);
    }
}
