import { Box } from '@mui/material';
import { Edit, NumberInput, SelectInput, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { REPAIR_PRIORITIES } from './workflow.ts';

export default function RepairEdit() {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
            columnGap: 2,
            width: '100%',
          }}
        >
          <TextInput source="issue_description" multiline sx={{ gridColumn: '1 / -1' }} />
          <TextInput source="repair_type" />
          <NumberInput source="estimated_cost" min={0} step={1} />
          <NumberInput source="labor_cost" min={0} step={1} />
          <SelectInput
            source="priority"
            choices={REPAIR_PRIORITIES.map((id) => ({ id, name: translate(`app.priority.${id}`) }))}
          />
          <TextInput source="estimated_completion" type="date" />
          <NumberInput source="warranty_period" min={0} step={1} />
          <TextInput source="notes" multiline sx={{ gridColumn: '1 / -1' }} />
        </Box>
      </SimpleForm>
    </Edit>
  );
}
