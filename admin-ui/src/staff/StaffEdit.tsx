import { Edit, SimpleForm } from 'react-admin';
import { StaffInputs } from './StaffInputs.tsx';

export default function StaffEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <StaffInputs withPassword={false} />
      </SimpleForm>
    </Edit>
  );
}
