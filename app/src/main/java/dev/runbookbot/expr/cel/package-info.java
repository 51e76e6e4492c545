/**
 * The CEL implementation of {@link dev.runbookbot.expr.ConditionLanguage}, and the only package that imports CEL.
 * {@link dev.runbookbot.expr.cel.CelConditionLanguage} reads the seed's JavaScript-style operators, reports compile
 * errors in our words at offsets of the source as written (with the closest declared names and, where it can, the
 * exact rewrite), converts our Java values into CEL's, makes double/int comparisons with NaN false, and bounds each
 * evaluation's loop iterations. Everything else here is package-private detail.
 */
package dev.runbookbot.expr.cel;
