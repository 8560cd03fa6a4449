/**
 * Notebook magics ({@code %model}, {@code %atlas}, {@code %device}, {@code %maven}, {@code %jars}, {@code %%time},
 * {@code %who}, {@code %provenance}, {@code %lsmagic}, {@code %help}): the {@link org.scjava.magics.Magic} service
 * interface and one class per magic, each a thin wrapper over a public call a user could type.
 */
package org.scjava.magics;
