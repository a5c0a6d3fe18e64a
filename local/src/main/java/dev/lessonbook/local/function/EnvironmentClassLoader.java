package dev.lessonbook.local.function;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes of one replacement execution environment: the runtime's class path loaded again,
 * child first, so a handler's static state (its clients, its Parameter Store read) is initialised
 * anew, as Lambda initialises a new environment after a timeout. Only the types that cross between
 * the runtime and a handler — the Lambda interfaces and events, and the joda-time the events
 * expose — come from the runtime's own loader.
 */
final class EnvironmentClassLoader extends URLClassLoader {
    private static final List<String> SHARED_WITH_THE_RUNTIME = List.of(
            "java.", "com.amazonaws.services.lambda.runtime.", "org.joda.time.");

    static {
        registerAsParallelCapable();
    }

    private EnvironmentClassLoader(String name, URL[] classPath, ClassLoader runtime) {
        super(name, classPath, runtime);
    }

    /** A new loader over this JVM's class path ({@code java.class.path}), delegating the shared types to {@code runtime}. */
    static EnvironmentClassLoader over(String name, ClassLoader runtime) {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("class path entry " + entry + " is not a location", e);
            }
        }
        return new EnvironmentClassLoader(name, urls.toArray(URL[]::new), runtime);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (SHARED_WITH_THE_RUNTIME.stream().anyMatch(name::startsWith)) {
                    loaded = getParent().loadClass(name);
                } else {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notOnTheClassPath) {
                        loaded = getParent().loadClass(name); // the JDK's own modules
                    }
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
