package dev.notely.tui;

import com.googlecode.lanterna.TextColor;
import java.util.Locale;

/** Dashboard colours: dark for most terminals, light for bright rooms and projectors. */
public enum Theme {
    DARK(TextColor.ANSI.DEFAULT, TextColor.ANSI.WHITE, TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.BLACK_BRIGHT,
            TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.RED_BRIGHT,
            TextColor.ANSI.BLUE, TextColor.ANSI.WHITE_BRIGHT),
    LIGHT(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLACK, TextColor.ANSI.BLUE, TextColor.ANSI.BLACK_BRIGHT,
            TextColor.ANSI.GREEN, TextColor.ANSI.MAGENTA, TextColor.ANSI.RED,
            TextColor.ANSI.BLUE, TextColor.ANSI.WHITE_BRIGHT);

    final TextColor background;
    final TextColor text;
    final TextColor accent;
    final TextColor dim;
    final TextColor good;
    final TextColor warn;
    final TextColor bad;
    final TextColor barBackground;
    final TextColor barText;
    /** The header's background while requests fail. */
    final TextColor alarmBackground = TextColor.ANSI.RED;

    Theme(TextColor background, TextColor text, TextColor accent, TextColor dim, TextColor good, TextColor warn,
          TextColor bad, TextColor barBackground, TextColor barText) {
        this.background = background;
        this.text = text;
        this.accent = accent;
        this.dim = dim;
        this.good = good;
        this.warn = warn;
        this.bad = bad;
        this.barBackground = barBackground;
        this.barText = barText;
    }

    /** Reads {@code dark} or {@code light}. @throws IllegalArgumentException naming both */
    public static Theme parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "dark" -> DARK;
            case "light" -> LIGHT;
            default -> throw new IllegalArgumentException("'" + name + "' is not a theme: use dark or light");
        };
    }
}
