import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnlaceConfig } from './config';
import { DataKeys } from './constructs/data-keys';
import { IntakeTable } from './constructs/intake-table';

export interface EnlaceStackProps extends StackProps {
  config: EnlaceConfig;
}

/** The whole hotline in one stack: one construct per capability. */
export class EnlaceStack extends Stack {
  readonly keys: DataKeys;
  readonly intakes: IntakeTable;

  constructor(scope: Construct, id: string, props: EnlaceStackProps) {
    super(scope, id, props);
    this.keys = new DataKeys(this, 'Keys');
    this.intakes = new IntakeTable(this, 'Intakes', { encryptionKey: this.keys.dataKey });

    new CfnOutput(this, 'TableName', { value: this.intakes.table.tableName });
  }
}
