package io.vtdoracle.qemu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A QEMU release, as {@code qemu-system-x86_64 --version} names it ("QEMU emulator version 10.0.13 (...)"). */
public record QemuVersion(int major, int minor, int micro) implements Comparable<QemuVersion> {

    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Parses the first line of {@code --version}, or "7.2"/"10.0.13"; throws naming the text otherwise. */
    public static QemuVersion parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            m = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?$").matcher(text.strip());
            if (!m.find()) {
                throw new IllegalArgumentException("not a QEMU version: " + text);
            }
        }
        return new QemuVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** "7.2", "10.0": the release series, which is what divergence ranges name. */
    public String series() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(QemuVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c == 0 ? Integer.compare(micro, other.micro) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
