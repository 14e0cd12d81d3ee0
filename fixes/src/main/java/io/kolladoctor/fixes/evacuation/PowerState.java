package io.kolladoctor.fixes.evacuation;

/** What a BMC says about the chassis power; {@code UNKNOWN} carries why it could not tell. */
public record PowerState(Kind kind, String detail) {

    public enum Kind { ON, OFF, UNKNOWN }

    public static PowerState on() {
        return new PowerState(Kind.ON, "Chassis Power is on");
    }

    public static PowerState off() {
        return new PowerState(Kind.OFF, "Chassis Power is off");
    }

    public static PowerState unknown(String why) {
        return new PowerState(Kind.UNKNOWN, why);
    }

    public boolean isOff() {
        return kind == Kind.OFF;
    }

    public boolean isOn() {
        return kind == Kind.ON;
    }

    @Override
    public String toString() {
        return kind == Kind.UNKNOWN ? "unknown (" + detail + ")" : kind.name().toLowerCase();
    }
}
