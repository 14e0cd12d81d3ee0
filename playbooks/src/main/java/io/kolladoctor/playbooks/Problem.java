package io.kolladoctor.playbooks;

/** One thing wrong with a playbook file, where it is: printed as {@code file:line:column: message} (1-based). */
public record Problem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
