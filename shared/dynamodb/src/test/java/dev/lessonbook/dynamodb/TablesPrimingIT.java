package dev.lessonbook.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A table's primer reads one key that cannot exist, and writes nothing (docs/decisions.md, "SnapStart priming"). */
@ExtendWith(LocalServersExtension.class)
class TablesPrimingIT {

    @Test
    void primingReadsAKeyNoItemHasAndWritesNothing(LocalServers.Endpoints endpoints) throws Exception {
        Tables table = TestTable.create(endpoints);

        table.primer().prime();

        assertThat(TestTable.scan(table)).isEmpty();
    }

    @Test
    void theOnlyRequestIsOneStronglyConsistentGetItemOfThePrimingKey(LocalServers.Endpoints endpoints) throws Exception {
        Tables table = TestTable.create(endpoints);
        try (FaultProxy dynamo = FaultProxy.inFrontOf(endpoints.aws());
             FaultProxy.Injected requests = dynamo.inject(request -> true,
                     new FaultProxy.Fault.Answer(200, "application/x-amz-json-1.0", "{}"))) {
            Tables throughProxy = new Tables(TestTable.clientFor(dynamo.endpoint(), endpoints.region()), table.tableName());

            throughProxy.primer().prime();

            assertThat(requests.hits()).isEqualTo(1);
            assertThat(requests.hits(request -> "DynamoDB_20120810.GetItem".equals(request.target())
                    && request.bodyText().contains("PRIMING#never-written") && request.bodyText().contains("\"ConsistentRead\":true")))
                    .isEqualTo(1);
        }
    }

    @Test
    void theQueryPrimerQueriesTheNeverWrittenPartitionOfAnIndexAndWritesNothing(LocalServers.Endpoints endpoints) throws Exception {
        Tables table = TestTable.create(endpoints);
        try (FaultProxy dynamo = FaultProxy.inFrontOf(endpoints.aws());
             FaultProxy.Injected requests = dynamo.inject(request -> true,
                     new FaultProxy.Fault.Answer(200, "application/x-amz-json-1.0", "{\"Items\":[],\"Count\":0}"))) {
            Tables throughProxy = new Tables(TestTable.clientFor(dynamo.endpoint(), endpoints.region()), table.tableName());

            throughProxy.queryPrimer(Keys.DUE_INDEX).prime();

            assertThat(requests.hits(request -> "DynamoDB_20120810.Query".equals(request.target())
                    && request.bodyText().contains("\"IndexName\":\"due\"") && request.bodyText().contains("PRIMING#never-written")))
                    .isEqualTo(1);
        }
        table.queryPrimer(Keys.GSI1).prime();
        table.queryPrimer(Keys.DUE_INDEX).prime();
        assertThat(TestTable.scan(table)).isEmpty();
    }
}
