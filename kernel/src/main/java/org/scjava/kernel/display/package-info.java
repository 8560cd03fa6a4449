/**
 * Rich display of results: one {@link org.scjava.kernel.display.TypeRenderer} per type (Tablesaw tables, scjava
 * figures, XChart charts, Atlas summaries, model cards), found by ServiceLoader and registered into JJava's renderer.
 */
package org.scjava.kernel.display;
