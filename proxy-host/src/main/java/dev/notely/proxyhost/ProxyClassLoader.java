package dev.notely.proxyhost;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the compiled proxy sources ({@code dev.notely.proxy.*}) from their own folder before asking the
 * parent, so a {@code DataProxy} elsewhere on the class path can never be the one that runs; everything
 * else (the store API the proxy is written against) comes from the parent.
 */
final class ProxyClassLoader extends URLClassLoader {

    static final String PROXY_PACKAGE = "dev.notely.proxy.";

    static {
        registerAsParallelCapable();
    }

    ProxyClassLoader(URL classes, ClassLoader parent) {
        super("data-proxy", new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PROXY_PACKAGE)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = findClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
