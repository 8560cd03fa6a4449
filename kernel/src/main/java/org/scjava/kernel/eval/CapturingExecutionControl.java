package org.scjava.kernel.eval;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's in-process engine ({@link LocalExecutionControl}, no-arg form: snippets load from a child of the system
 * class loader, so they see the kernel's class path and live objects stay in this JVM) with three additions: the
 * live result object of each snippet, the user's own exception object (JShell only keeps its class name and stack),
 * and whether the run was stopped by an interrupt.
 *
 * <p>The result is captured without re-implementing the engine: the engine is asked to invoke {@link Trampoline#run()},
 * which invokes the snippet's method on the engine's own thread (so the engine's stop instrumentation and interrupt
 * handling still apply) and keeps the returned object. The session slot travels to that thread through an
 * {@link InheritableThreadLocal}, because the engine starts a fresh thread per snippet.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = Trampoline.class.getMethod("run");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Slot slot = new Slot();
    private volatile Object lastValue;
    private volatile Throwable lastThrowable;
    private volatile boolean stopped;
    private volatile Object lastVariableValue;

    /** Forgets the previous snippet's outcome (declarations run no code, so they would not reset it). */
    void reset() {
        lastValue = null;
        lastThrowable = null;
        stopped = false;
    }

    /** The result object of the last executed snippet (null for statements and declarations without value). */
    Object lastValue() {
        return lastValue;
    }

    /** The exception thrown by user code in the last snippet, as thrown (not JShell's copy). */
    Throwable lastThrowable() {
        return lastThrowable;
    }

    /** Whether the last snippet ended because of {@link #stop()}. */
    boolean wasStopped() {
        return stopped;
    }

    /** Reads a snippet variable's current value as a live object (JShell's API only gives its string form). */
    Object variableValue(String className, String fieldName) throws ReflectiveOperationException {
        Field f = findClass(className).getDeclaredField(fieldName);
        f.setAccessible(true);
        return f.get(null);
    }

    /** The class loader snippets are defined in (for ServiceLoader look-ups over jars added with %jars/%maven). */
    ClassLoader snippetLoader(String anySnippetClass) throws ClassNotFoundException {
        return findClass(anySnippetClass).getClassLoader();
    }

    /** The value read by the last {@code JShell.varValue} call, as a live object. */
    Object lastVariableValue() {
        return lastVariableValue;
    }

    @Override
    public String varValue(String className, String varName) throws InternalException {
        try {
            lastVariableValue = variableValue(className, varName);
        } catch (ReflectiveOperationException e) {
            throw new InternalException("cannot read " + varName + ": " + e);
        }
        return "";
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        reset();
        slot.target = doitMethod;
        slot.result = null;
        Trampoline.SLOT.set(slot);
        try {
            super.invoke(TRAMPOLINE);
        } catch (StoppedException e) {
            stopped = true;
            throw e;
        } finally {
            Trampoline.SLOT.remove();
            slot.target = null;
        }
        lastValue = slot.result;
        slot.result = null;
        // JShell would turn the value into a string with toString(); the kernel renders the live object instead.
        return "";
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        lastThrowable = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** Per-session hand-over between the calling thread and the engine's snippet thread. */
    static final class Slot {
        volatile Method target;
        volatile Object result;
    }

    /** Runs the snippet method on the engine's thread and keeps its value. Public: the engine invokes it reflectively. */
    public static final class Trampoline {
        static final InheritableThreadLocal<Slot> SLOT = new InheritableThreadLocal<>();

        private Trampoline() {
        }

        public static Object run() throws Throwable {
            Slot s = SLOT.get();
            try {
                s.result = s.target.invoke(null);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return null;
        }
    }

    /** Hands JShell one engine instance the session keeps a reference to. */
    static final class Provider implements ExecutionControlProvider {
        private CapturingExecutionControl control;

        @Override
        public String name() {
            return "scjava-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CapturingExecutionControl();
            return control;
        }

        CapturingExecutionControl control() {
            return control;
        }
    }
}
