package io.kolladoctor.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the pre-Java-6 classes of a jar as class-file version 52 with stack maps, so the bundle's AOT cache can
 * hold them. Why: HotSpot's AOT cache (and AppCDS) skips every class older than version 50 once it has been linked
 * ("Old class has been linked"), and a version-50 class without stack maps is skipped too ("Verified with old
 * verifier"). picocli 4.x ships Java 5 class files, so its ~180 classes on the console's path were loaded and
 * verified from the jar on every start: about a third of the bundle's time to first frame.
 *
 * <p>Only the version and the StackMapTable change; every instruction is re-emitted as it was (the JDK's ClassFile
 * API, JDK 24+), and the JVM's split verifier then checks the generated maps at every load. Jars without old
 * classes, and signed jars (a rewrite would break the signature), are left byte for byte as they are.
 *
 * <p>Usage (run by dist/build-bundle.sh as a single-file program): {@code java Retarget.java JAR...} rewrites each JAR
 * that has old classes in place and says so; all of them together resolve the class hierarchy.
 */
public final class Retarget {

    private static final int JAVA_8 = 52;
    private static final int FIRST_WITH_STACK_MAPS = 50;

    private Retarget() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java Retarget.java JAR...");
            System.exit(64);
        }
        List<URL> classPath = new ArrayList<>();
        for (String arg : args) {
            classPath.add(Path.of(arg).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), null)) {
            for (String arg : args) {
                int count = retarget(Path.of(arg), loader);
                if (count > 0) {
                    System.out.println(Path.of(arg).getFileName() + ": " + count
                            + " pre-Java-6 classes rewritten as version 52 with stack maps (for the start-up archive)");
                }
            }
        }
    }

    static int retarget(Path jar, ClassLoader hierarchy) throws IOException {
        ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofResourceParsing(hierarchy))));
        ClassTransform toJava8 = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen(ClassTransform.endHandler(builder -> builder.withVersion(JAVA_8, 0)));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"))) {
                return 0; // signed: a rewrite would break the signature
            }
        }
        Path rewritten = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        int count = 0;
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(rewritten);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(".class")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
                        bytes = classFile.transformClass(model, toJava8);
                        count++;
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (count == 0) {
            Files.delete(rewritten);
        } else {
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return count;
    }
}
