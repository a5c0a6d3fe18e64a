package dev.lessonbook.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The domain's shape, checked on its compiled classes in every build:
 * <ul>
 *   <li>its features ({@code dev.lessonbook.<feature>..}, sub-packages included) depend on each
 *       other without a cycle, so each can be read, and changed, from the bottom up;
 *   <li>it imports no adapter: no AWS SDK or Lambda type, no Stripe, no Jackson, none of our own
 *       adapter modules. The domain says what happens; the adapters say how it is stored and sent.
 * </ul>
 * Each rule is also run on a small example that breaks it, so a rule that stopped seeing
 * anything would fail here too.
 */
class DomainArchitectureTest {
    private static final String DOMAIN = "dev.lessonbook";
    private static final String EXAMPLES = "dev.lessonbook.architecture.examples";

    private static final JavaClasses DOMAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(DOMAIN);

    static ArchRule featuresFormNoCycle(String root) {
        return slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles();
    }

    static ArchRule importsNoAdapter(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "com.stripe..", "com.fasterxml..",
                        root + ".dynamodb..", root + ".http..", root + ".messaging..", root + ".payments..",
                        root + ".email..", root + ".json..", root + ".eventjson..")
                .because("the domain says what happens; adapters say how it is stored, sent and shown");
    }

    @Test
    void theDomainsFeaturesDependOnEachOtherWithoutACycle() {
        featuresFormNoCycle(DOMAIN).check(DOMAIN_CLASSES);
    }

    @Test
    void theDomainImportsNoAdapter() {
        importsNoAdapter(DOMAIN).check(DOMAIN_CLASSES);
    }

    @Test
    void aCycleBetweenTwoFeaturesFailsTheBuild() {
        JavaClasses cyclic = new ClassFileImporter().importPackages(EXAMPLES + ".cyclic");

        assertThatThrownBy(() -> featuresFormNoCycle(EXAMPLES + ".cyclic").check(cyclic))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("feature availability").hasMessageContaining("feature booking");
    }

    @Test
    void aFeatureImportingAnAdapterFailsTheBuild() {
        JavaClasses examples = new ClassFileImporter().importPackages(EXAMPLES + ".booking", EXAMPLES + ".dynamodb");

        assertThatThrownBy(() -> importsNoAdapter(EXAMPLES).check(examples))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StoringItself");
        assertThatCode(() -> importsNoAdapter(EXAMPLES)
                .check(new ClassFileImporter().importPackages(EXAMPLES + ".availability")))
                .doesNotThrowAnyException();
    }
}
