package dev.notely.app;

/** Entry point of the kit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String version = Main.class.getPackage().getImplementationVersion();
        System.out.println("Notely Migration Kit " + (version == null ? "(development build)" : version));
    }
}
