import { Box } from '@mui/material';
import { PasswordInput, SelectInput, TextInput, email, minLength, required, useTranslate } from 'react-admin';
import { SHOP_ROLES } from '../../../snapshots/access/matrix.ts';

export function StaffInputs({ withPassword }: { withPassword: boolean }) {
  const translate = useTranslate();
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, width: '100%' }}
    >
      <TextInput source="first_name" validate={required()} />
      <TextInput source="last_name" />
      <TextInput source="email" validate={[required(), email()]} />
      <TextInput source="phone" />
      <SelectInput
        source="role"
        validate={required()}
        choices={SHOP_ROLES.map((id) => ({ id, name: translate(`app.role.${id}`) }))}
      />
      {withPassword && (
        <PasswordInput
          source="password"
          validate={[required(), minLength(10)]}
          helperText="profile.password_hint"
        />
      )}
    </Box>
  );
}
