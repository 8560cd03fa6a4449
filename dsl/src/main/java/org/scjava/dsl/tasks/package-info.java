/**
 * Task verbs of the Atlas ({@link org.scjava.dsl.tasks.TaskVerbs}): {@link org.scjava.dsl.tasks.Embed} with the
 * {@link org.scjava.dsl.tasks.CellEmbedder} contract that model handles implement and the
 * {@link org.scjava.dsl.tasks.GeneMatch} rule; later tasks (annotation, perturbation, transfer, programs) join here.
 */
package org.scjava.dsl.tasks;
