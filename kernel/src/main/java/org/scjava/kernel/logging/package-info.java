/**
 * Where log lines go and how many there are (scanpy's {@code settings.verbosity}, {@link org.scjava.dsl.core.Settings}):
 * SLF4J reaches {@code java.util.logging} (slf4j-jdk14); {@link org.scjava.kernel.logging.LogLevels} sets the levels
 * from the verbosity, {@link org.scjava.kernel.logging.LogRouting} hands each record to a
 * {@link org.scjava.kernel.logging.LogSink}: in a notebook warnings become warning displays and info lines plain
 * output (never the red stderr box of an error), in {@code ./scjava run} they are lines on stderr.
 */
package org.scjava.kernel.logging;
