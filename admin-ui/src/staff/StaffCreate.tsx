import { Create, SimpleForm } from 'react-admin';
import { StaffInputs } from './StaffInputs.tsx';

export default function StaffCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <StaffInputs withPassword />
      </SimpleForm>
    </Create>
  );
}
