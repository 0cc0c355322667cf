package dev.notely.checks;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the classes of one package again from their class files, so that a second router instance
 * shares no static state with the first: two proxy processes share none, and a check that builds both
 * instances in one JVM must not let a static random salt or cache pass for stable. Classes of every other
 * package come from the parent.
 */
final class FreshClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader source;
    private final String packageName;

    /**
     * @param source      the loader that loaded the package the first time; the class files are read through it
     * @param packageName the package to load afresh, such as {@code dev.notely.proxy}
     */
    FreshClassLoader(ClassLoader source, String packageName) {
        super("fresh " + packageName, source);
        this.source = source;
        this.packageName = packageName;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int dot = name.lastIndexOf('.');
        if (!packageName.equals(dot < 0 ? "" : name.substring(0, dot))) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] classFile = classFile(name);
                if (classFile == null) {
                    return super.loadClass(name, resolve);
                }
                loaded = defineClass(name, classFile, 0, classFile.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException("cannot read the class file of " + name, e);
        }
    }
}
