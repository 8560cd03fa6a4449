/** Plot verbs (scanpy's {@code pl}) returning {@link org.scjava.dsl.pl.Figure}s backed by XChart. */
package org.scjava.dsl.pl;
