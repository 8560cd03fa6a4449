/**
 * The fluent facade, the DSL's face: {@link org.scjava.dsl.atlas.Atlas} (in memory) and
 * {@link org.scjava.dsl.atlas.BackedAtlas} (X on disk), with the verb mixins grouped like scanpy
 * ({@link org.scjava.dsl.atlas.PreprocessingVerbs}, {@link org.scjava.dsl.atlas.ToolVerbs},
 * {@link org.scjava.dsl.atlas.PlotVerbs}, {@link org.scjava.dsl.atlas.TaskVerbs}). This is the only package that
 * knows every verb: each verb method is a one-line delegation to the verb's class in pp, tl, pl, tasks, baselines
 * or stream, which work on {@link org.scjava.dsl.core.AtlasData} and never import this package.
 */
package org.scjava.dsl.atlas;
