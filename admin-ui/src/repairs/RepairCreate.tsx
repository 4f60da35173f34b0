// Repair intake: typing the IMEI or serial looks the device up (GET /api/devices/search) and fills
// the device and its owner; otherwise the device and customer are entered and created with the repair.
import { Alert, Box, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Create, NumberInput, SelectInput, SimpleForm, TextInput, required, useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { api } from '../api/client.ts';
import { REPAIR_PRIORITIES } from './workflow.ts';

interface FoundDevice {
  id: number;
  brand: string;
  model: string;
  imei_serial: string;
  color: string | null;
  storage: string | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_phone: string | null;
}

function ImeiLookup() {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const imei = useWatch({ name: 'imei_serial' }) as string | undefined;
  const [found, setFound] = useState<FoundDevice | null | undefined>(undefined);
  useEffect(() => {
    const q = (imei ?? '').replace(/[\s-]/g, '');
    if (q.length < 4) {
      setFound(undefined);
      return;
    }
    const timer = setTimeout(() => {
      api<FoundDevice[]>('/api/devices/search', { query: { q, limit: 5 } })
        .then((list) => {
          const exact = list.find((d) => d.imei_serial === q) ?? null;
          setFound(exact);
          if (exact) {
            setValue('device_brand', exact.brand);
            setValue('device_model', exact.model);
            setValue('device_id', exact.id);
            if (exact.customer_name) setValue('customer_name', exact.customer_name);
            if (exact.customer_phone) setValue('customer_phone', exact.customer_phone);
            if (exact.customer_id) setValue('customer_id', exact.customer_id);
          } else {
            setValue('device_id', undefined);
          }
        })
        .catch(() => setFound(undefined));
    }, 300);
    return () => clearTimeout(timer);
  }, [imei, setValue]);
  return (
    <Box sx={{ gridColumn: '1 / -1' }}>
      <TextInput source="imei_serial" label="repairs.imei_lookup" validate={required()} fullWidth autoFocus />
      {found && (
        <Alert severity="success" data-testid="imei-found">
          {translate('repairs.imei_found', { device: `${found.brand} ${found.model}` })}
        </Alert>
      )}
      {found === null && <Alert severity="info">{translate('repairs.imei_new')}</Alert>}
    </Box>
  );
}

/** The form's flat fields as the body of POST /api/repairs. */
function toRepairBody(data: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    issue_description: data['issue_description'],
    repair_type: data['repair_type'],
    priority: data['priority'] ?? 'Normal',
  };
  if (data['estimated_cost'] !== undefined && data['estimated_cost'] !== null)
    body['estimated_cost'] = data['estimated_cost'];
  if (data['estimated_completion']) body['estimated_completion'] = data['estimated_completion'];
  if (data['notes']) body['notes'] = data['notes'];
  if (data['device_id']) body['device_id'] = data['device_id'];
  else
    body['device'] = {
      brand: data['device_brand'],
      model: data['device_model'],
      imei_serial: data['imei_serial'],
    };
  if (data['customer_id']) body['customer_id'] = data['customer_id'];
  else if (data['customer_phone'])
    body['customer'] = {
      phone: data['customer_phone'],
      ...(data['customer_name'] ? { name: data['customer_name'] } : {}),
    };
  return body;
}

export default function RepairCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="show" transform={toRepairBody} title="repairs.intake">
      <SimpleForm>
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
            columnGap: 2,
            width: '100%',
          }}
        >
          <ImeiLookup />
          <TextInput source="device_brand" validate={required()} />
          <TextInput source="device_model" validate={required()} />
          <TextInput
            source="customer_phone"
            validate={required()}
            slotProps={{ htmlInput: { inputMode: 'tel' } }}
          />
          <TextInput source="customer_name" />
          <TextInput
            source="issue_description"
            multiline
            validate={required()}
            sx={{ gridColumn: '1 / -1' }}
          />
          <TextInput source="repair_type" validate={required()} />
          <NumberInput source="estimated_cost" min={0} step={1} />
          <SelectInput
            source="priority"
            defaultValue="Normal"
            choices={REPAIR_PRIORITIES.map((id) => ({ id, name: translate(`app.priority.${id}`) }))}
          />
          <TextInput source="estimated_completion" type="date" />
          <TextInput source="notes" multiline sx={{ gridColumn: '1 / -1' }} />
        </Box>
        <Typography variant="caption" color="text.secondary">
          {translate('repairs.imei_lookup')}
        </Typography>
      </SimpleForm>
    </Create>
  );
}
