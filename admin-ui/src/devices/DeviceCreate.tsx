import { Create, SimpleForm } from 'react-admin';
import { DeviceInputs } from './DeviceInputs.tsx';

export default function DeviceCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <DeviceInputs />
      </SimpleForm>
    </Create>
  );
}
