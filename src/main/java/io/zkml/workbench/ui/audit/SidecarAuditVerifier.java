package io.zkml.workbench.ui.audit;

import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ModelCheck;
import io.zkml.workbench.bundle.ModelChecks;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** The audit window's verifier: {@code zkml verify}'s {@link BundleVerifier} with its own snarkVM sidecar. */
public final class SidecarAuditVerifier implements AuditPresenter.Verifier {

    private final SidecarClient client = new SidecarClient(SidecarConfig.fromEnvironment(), p -> { });

    @Override
    public VerificationReport verify(String name, ProofBundle bundle, Path model, WeightsSalt salt,
            Consumer<String> progress) {
        return new BundleVerifier(client, progress::accept).verify(name, bundle, () -> model == null
                ? Optional.<ModelCheck>empty()
                : Optional.of(ModelChecks.of(model, bundle.quantJson(), null, bundle, client.fieldHash(), salt)));
    }

    @Override
    public void close() {
        client.close();
    }
}
