import { Edit, SimpleForm } from 'react-admin';
import { DeviceInputs } from './DeviceInputs.tsx';

export default function DeviceEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <DeviceInputs />
      </SimpleForm>
    </Edit>
  );
}
