package dev.anzen.cli;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * Ends the process once a command has finished. A JVM that has done socket I/O on virtual threads keeps a platform
 * thread of its own (the I/O poller) waiting in native code, and at exit the JVM waits up to 0.3 s for such threads
 * before it gives up on them: measured on two cores, 0.32 s from {@code System.exit} to the end of the process against
 * 0.04 s for a JVM that never used a socket. Every model run paid it. When the launcher asks for it (system property
 * {@value #PROPERTY}, set by {@code scripts/jvm-opts.sh}) and the JDK has the foreign function API (22+), the process
 * ends with the C library's {@code _exit}, after {@code System.out} and {@code System.err} are flushed. By then every
 * command has closed its files (result files are written and closed before a command returns), so nothing is lost;
 * what is skipped is the JVM's own exit work, which is why the launcher also turns off the JVM's
 * {@code hsperfdata} file ({@code -XX:-UsePerfData}) and only prepares it in the run that makes its start-up cache
 * (the cache is written as that JVM exits).
 * Anywhere else (the property unset, an older JDK, no {@code _exit} symbol) it is {@code System.exit}.
 */
final class FastExit {

    /**
     * {@code -Danzen.fastExit=true} turns it on; {@code prepare} looks {@code _exit} up but ends with
     * {@code System.exit} (the launcher's start-up cache run, so that the lookup's classes are in the cache).
     */
    static final String PROPERTY = "anzen.fastExit";

    private FastExit() {
    }

    static void exit(int code) {
        System.out.flush();
        System.err.flush();
        String mode = System.getProperty(PROPERTY, "false");
        if (mode.equals("true") || mode.equals("prepare")) {
            MethodHandle exit = underscoreExit();
            if (exit != null && mode.equals("true")) {
                try {
                    exit.invoke(code);
                } catch (Throwable e) {
                    // fall through to the ordinary exit
                }
            }
        }
        System.exit(code);
    }

    /**
     * {@code void _exit(int)} of the C library through {@code java.lang.foreign}, or null where that API is not final
     * (before JDK 22) or the symbol is missing. Reflective because the code is compiled for JDK 21, where the API is a
     * preview.
     */
    static MethodHandle underscoreExit() {
        if (Runtime.version().feature() < 22) {
            return null;
        }
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
            Optional<?> symbol = (Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, "_exit");
            if (symbol.isEmpty()) {
                return null;
            }
            Object args = Array.newInstance(layoutType, 1);
            Array.set(args, 0, Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null));
            Object descriptor = descriptorType.getMethod("ofVoid", args.getClass()).invoke(null, args);
            Object options = Array.newInstance(optionType, 0);
            return (MethodHandle) linkerType.getMethod("downcallHandle", segmentType, descriptorType, options.getClass())
                    .invoke(linker, symbol.get(), descriptor, options);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
