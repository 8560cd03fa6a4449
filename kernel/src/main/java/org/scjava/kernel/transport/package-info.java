/**
 * The kernel's ZeroMQ channels on JJava's message model: shell and control threads that block until a message
 * arrives and survive bad messages (HMAC checked before parsing), and a heartbeat that answers at once.
 */
package org.scjava.kernel.transport;
